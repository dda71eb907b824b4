using System;
using System.Collections.Generic;
using System.Linq;
using Clarify.Typed.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Generators.Tests;

/// <summary>One test per diagnostic: its id, severity, and the exact span in the JSON file ([|...|] marks it).</summary>
public class DiagnosticTests
{
    [Fact]
    public void CLARIFY001_invalid_json_points_at_the_offending_character()
    {
        Diagnostic d = AssertReported("CLARIFY001", DiagnosticSeverity.Error, """
            {
              "apiUrl": "https://api.clarify.io/v1/"
              [|"|]integration": "c0jd1g6qnk1emp4tq2ag"
            }
            """);
        Assert.Contains("',' or '}' expected", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void CLARIFY001_trailing_comma_points_at_the_closing_brace()
    {
        AssertReported("CLARIFY001", DiagnosticSeverity.Error, """
            {
              "integration": "c0jd1g6qnk1emp4tq2ag",
            [|}|]
            """);
    }

    [Fact]
    public void CLARIFY002_missing_top_level_value_points_at_the_opening_brace()
    {
        Diagnostic d = AssertReported("CLARIFY002", DiagnosticSeverity.Error, """
            [|{|]
              "credentials": { "type": "client-credentials", "clientId": "id", "clientSecret": "secret" }
            }
            """);
        Assert.StartsWith("'integration' is missing", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void CLARIFY002_missing_credentials_value_points_at_the_credentials_name()
    {
        Diagnostic d = AssertReported("CLARIFY002", DiagnosticSeverity.Error, """
            {
              "integration": "c0jd1g6qnk1emp4tq2ag",
              [|"credentials"|]: { "type": "client-credentials", "clientId": "id" }
            }
            """);
        Assert.StartsWith("'credentials.clientSecret' is missing", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void CLARIFY002_api_url_is_optional()
    {
        GeneratorOutput output = GeneratorHarness.Run(TestFile.Credentials("""
            { "integration": "c0jd1g6qnk1emp4tq2ag", "credentials": { "type": "basic-auth", "clientId": "id", "clientSecret": "secret" } }
            """));
        Assert.Empty(output.Diagnostics);
    }

    [Fact]
    public void CLARIFY003_wrong_type_points_at_the_value()
    {
        Diagnostic d = AssertReported("CLARIFY003", DiagnosticSeverity.Error, """
            {
              "integration": [|20|],
              "credentials": { "type": "client-credentials", "clientId": "id", "clientSecret": "secret" }
            }
            """);
        Assert.Equal("'integration' must be a string, but it is a number", d.GetMessage());
    }

    [Fact]
    public void CLARIFY004_api_url_not_http_points_at_the_value()
    {
        AssertReported("CLARIFY004", DiagnosticSeverity.Error, Good("\"apiUrl\": [|\"ftp://api.clarify.io/v1/\"|]"));
    }

    [Fact]
    public void CLARIFY005_plain_http_to_a_remote_host_points_at_the_value()
    {
        Diagnostic d = AssertReported("CLARIFY005", DiagnosticSeverity.Error, Good("\"apiUrl\": [|\"http://api.clarify.io/v1/\"|]"));
        Assert.Contains("'api.clarify.io'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:8080/v1/")]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://[::1]/api/")]
    public void CLARIFY005_plain_http_to_loopback_is_allowed(string url)
    {
        GeneratorOutput output = GeneratorHarness.Run(TestFile.Credentials(Good($"\"apiUrl\": \"{url}\"")));
        Assert.Empty(output.Diagnostics);
        Assert.Single(output.Sources);
    }

    [Fact]
    public void CLARIFY006_unknown_credentials_type_lists_the_allowed_values()
    {
        Diagnostic d = AssertReported("CLARIFY006", DiagnosticSeverity.Error, """
            {
              "integration": "c0jd1g6qnk1emp4tq2ag",
              "credentials": { "type": [|"oauth2"|], "clientId": "id", "clientSecret": "secret" }
            }
            """);
        Assert.Contains("'client-credentials', 'basic-auth'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void CLARIFY007_blank_value_points_at_the_value()
    {
        AssertReported("CLARIFY007", DiagnosticSeverity.Error, """
            {
              "integration": "c0jd1g6qnk1emp4tq2ag",
              "credentials": { "type": "client-credentials", "clientId": [|" \t "|], "clientSecret": "secret" }
            }
            """);
    }

    [Fact]
    public void CLARIFY008_template_placeholder_names_the_placeholder_not_the_rest_of_the_value()
    {
        Diagnostic d = AssertReported("CLARIFY008", DiagnosticSeverity.Error, """
            {
              "integration": "c0jd1g6qnk1emp4tq2ag",
              "credentials": { "type": "client-credentials", "clientId": "id", "clientSecret": [|"<YOUR_CLIENT_SECRET>"|] }
            }
            """);
        Assert.Contains("'<YOUR_CLIENT_SECRET>'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void CLARIFY008_double_angle_placeholder_in_the_api_url()
    {
        AssertReported("CLARIFY008", DiagnosticSeverity.Error, Good("\"apiUrl\": [|\"<<apiURL>>\"|]"));
    }

    [Theory]
    [InlineData("clientID", "clientId")]
    [InlineData("client_secret", "clientSecret")]
    [InlineData("clientSecrte", "clientSecret")]
    [InlineData("Type", "type")]
    public void CLARIFY009_unknown_credentials_property_suggests_the_near_miss(string typo, string meant)
    {
        Diagnostic d = AssertReported("CLARIFY009", DiagnosticSeverity.Warning, $$"""
            {
              "integration": "c0jd1g6qnk1emp4tq2ag",
              "credentials": { "type": "client-credentials", "clientId": "id", "clientSecret": "s", [|"{{typo}}"|]: "x" }
            }
            """);
        Assert.EndsWith($"did you mean '{meant}'?", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void CLARIFY009_unknown_top_level_property_suggests_api_url_and_still_generates()
    {
        GeneratorOutput output = Run(Good("[|\"apiURL\"|]: \"https://api.clarify.io/v1/\""), out LinePositionSpan expected);

        Diagnostic d = Assert.Single(output.Diagnostics);
        AssertAt(d, "CLARIFY009", DiagnosticSeverity.Warning, expected);
        Assert.Equal("'apiURL' is not a property of a Clarify credentials file and is ignored; did you mean 'apiUrl'?", d.GetMessage());
        Assert.Single(output.Sources);
    }

    [Fact]
    public void CLARIFY009_credentials_value_at_the_top_level_says_where_it_belongs()
    {
        Diagnostic d = AssertReported("CLARIFY009", DiagnosticSeverity.Warning, Good("[|\"clientSecret\"|]: \"x\""));
        Assert.Contains("did you mean 'credentials.clientSecret'?", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void CLARIFY009_name_and_created_at_are_known()
    {
        GeneratorOutput output = GeneratorHarness.Run(TestFile.Credentials(Good("\"createdAt\": \"2024-01-02T03:04:05Z\"")));
        Assert.Empty(output.Diagnostics);
    }

    [Fact]
    public void CLARIFY010_duplicate_property_points_at_the_second_occurrence()
    {
        AssertReported("CLARIFY010", DiagnosticSeverity.Error, """
            {
              "integration": "c0jd1g6qnk1emp4tq2ag",
              [|"integration"|]: "c0jd1g6qnk1emp4tq2ag",
              "credentials": { "type": "client-credentials", "clientId": "id", "clientSecret": "secret" }
            }
            """);
    }

    [Fact]
    public void CLARIFY011_odd_integration_id_is_a_warning_and_still_generates()
    {
        GeneratorOutput output = Run("""
            {
              "integration": [|"C0JD1G6QNK1EMP4TQ2AG"|],
              "credentials": { "type": "client-credentials", "clientId": "id", "clientSecret": "secret" }
            }
            """, out LinePositionSpan expected);

        AssertAt(Assert.Single(output.Diagnostics), "CLARIFY011", DiagnosticSeverity.Warning, expected);
        Assert.Single(output.Sources);
    }

    [Fact]
    public void CLARIFY012_two_files_generating_the_same_class()
    {
        var metadata = new Dictionary<string, string> { ["ClarifyCredentials"] = "true", ["ClarifyClassName"] = "ClarifyCredentials" };
        var first = TestFile.Credentials(GeneratorHarness.GoodJson);
        var second = new TestFile("/project/b.json", GeneratorHarness.GoodJson, metadata);

        GeneratorOutput output = GeneratorHarness.Run(first, second);

        Diagnostic d = Assert.Single(output.Diagnostics);
        AssertAt(d, "CLARIFY012", DiagnosticSeverity.Error, new LinePositionSpan(default, default));
        Assert.Equal("/project/b.json", d.Location.GetLineSpan().Path);
        Assert.Contains("global::Sample.ClarifyCredentials", d.GetMessage(), StringComparison.Ordinal);
        Assert.Single(output.Sources);
    }

    [Theory]
    [InlineData("ClarifyClassName", "class")]
    [InlineData("ClarifyClassName", "My-Credentials")]
    [InlineData("ClarifyNamespace", "Contoso..App")]
    [InlineData("ClarifyAccessibility", "private")]
    public void CLARIFY013_invalid_metadata(string name, string value)
    {
        Diagnostic d = AssertReported("CLARIFY013", DiagnosticSeverity.Error, "[||]" + GeneratorHarness.GoodJson, new Dictionary<string, string> { [name] = value });
        Assert.Contains($"The {name} metadata", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Vault", null, "ClarifySecretMode")]
    [InlineData("Environment", "1SECRET", "ClarifySecretVariable")]
    [InlineData("Environment", "MY-SECRET", "ClarifySecretVariable")]
    public void CLARIFY014_invalid_secret_mode(string mode, string? variable, string named)
    {
        var metadata = new Dictionary<string, string> { ["ClarifySecretMode"] = mode };
        if (variable is not null)
        {
            metadata["ClarifySecretVariable"] = variable;
        }

        Diagnostic d = AssertReported("CLARIFY014", DiagnosticSeverity.Error, "[||]" + GeneratorHarness.GoodJson, metadata);
        Assert.Contains(named, d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t ")]
    public void CLARIFY015_empty_file(string text)
    {
        AssertReported("CLARIFY015", DiagnosticSeverity.Error, "[||]" + text);
    }

    [Fact]
    public void CLARIFY015_unreadable_file()
    {
        GeneratorOutput output = GeneratorHarness.Run(new TestFile(TestFile.DefaultPath, null));

        Diagnostic d = Assert.Single(output.Diagnostics);
        AssertAt(d, "CLARIFY015", DiagnosticSeverity.Error, new LinePositionSpan(default, default));
        Assert.Contains("could not be read", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void CLARIFY016_an_unexpected_exception_becomes_a_diagnostic_instead_of_a_crash()
    {
        // A null path cannot come from the compiler; it stands in for any bug that throws mid-parse.
        var input = new Model.CredentialsInput(null!, GeneratorHarness.GoodJson, null, null, null, null, null, null);

        Model.FileResult result = Parser.Parse(input, default);

        Assert.Null(result.Class);
        Model.DiagnosticInfo info = Assert.Single(result.Diagnostics);
        Assert.Equal("CLARIFY016", info.Id);
        Assert.Equal(nameof(NullReferenceException), info.Arguments[0]);
        Assert.Equal(DiagnosticSeverity.Error, DiagnosticDescriptors.Get(info.Id).DefaultSeverity);
    }

    [Fact]
    public void Every_descriptor_has_a_help_link_to_its_lowercase_anchor_and_a_known_category()
    {
        foreach (DiagnosticDescriptor descriptor in DiagnosticDescriptors.All)
        {
            Assert.Equal("https://github.com/clarify-typed/clarify-typed/blob/main/docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Contains(descriptor.Category, new[] { "Clarify.Credentials", "Clarify.Usage", "Clarify.Signals" });
        }
    }

    [Fact]
    public void No_message_ever_contains_the_client_secret()
    {
        // Every rule fires at once on a file whose secret is well-formed: none may echo it.
        string json = """
            { "apiUrl": "http://example.com", "integration": "X", "integration": 1, "extra": 1,
              "credentials": { "type": "oauth", "clientId": "<YOUR_ID>", "clientSecret": "TopSecretValue42", "client_secret": "TopSecretValue42" } }
            """;
        GeneratorOutput output = GeneratorHarness.Run(TestFile.Credentials(json));

        Assert.NotEmpty(output.Diagnostics);
        Assert.All(output.Diagnostics, d => Assert.DoesNotContain("TopSecretValue42", d.GetMessage(), StringComparison.Ordinal));
    }

    /// <summary>The good file with its apiUrl property replaced by another (apiUrl is optional).</summary>
    private static string Good(string property)
    {
        const string apiUrl = "\"apiUrl\": \"https://api.clarify.io/v1/\"";
        Assert.Contains(apiUrl, GeneratorHarness.GoodJson, StringComparison.Ordinal);
        return GeneratorHarness.GoodJson.Replace(apiUrl, property, StringComparison.Ordinal);
    }

    private static GeneratorOutput Run(string markup, out LinePositionSpan expected, IReadOnlyDictionary<string, string>? metadata = null)
    {
        (string text, expected) = Markup.Parse(markup);
        return GeneratorHarness.Run(TestFile.Credentials(text, metadata));
    }

    private static Diagnostic AssertReported(string id, DiagnosticSeverity severity, string markup, IReadOnlyDictionary<string, string>? metadata = null)
    {
        GeneratorOutput output = Run(markup, out LinePositionSpan expected, metadata);
        Diagnostic d = Assert.Single(output.Diagnostics, x => x.Id == id);
        AssertAt(d, id, severity, expected);
        if (severity == DiagnosticSeverity.Error)
        {
            Assert.Empty(output.Sources);
        }

        return d;
    }

    private static void AssertAt(Diagnostic d, string id, DiagnosticSeverity severity, LinePositionSpan expected) =>
        Markup.AssertAt(d, id, severity, expected, path => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
}
