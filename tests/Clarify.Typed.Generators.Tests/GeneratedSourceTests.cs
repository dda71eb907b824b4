using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Clarify.Typed.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace Clarify.Typed.Generators.Tests;

public class GeneratedSourceTests
{
    private static string SnapshotPath => Path.Combine(AppContext.BaseDirectory, "Snapshots", "Sample.ClarifyCredentials.g.cs.txt");

    [Fact]
    public void Good_file_generates_the_pinned_source()
    {
        GeneratorOutput output = GeneratorHarness.Run(TestFile.Credentials(GeneratorHarness.GoodJson));

        Assert.Empty(output.Diagnostics);
        GeneratedSourceResult source = Assert.Single(output.Sources);
        Assert.Equal("Sample.ClarifyCredentials.g.cs", source.HintName);
        string actual = source.SourceText.ToString();
        if (Environment.GetEnvironmentVariable("CLARIFY_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(Path.Combine(TestPaths.TestProject, "Snapshots", Path.GetFileName(SnapshotPath)), actual);
        }

        Assert.Equal(File.ReadAllText(SnapshotPath).ReplaceLineEndings("\n"), actual);
    }


    [Fact]
    public void Generated_source_compiles_with_the_runtime_library_without_any_diagnostic()
    {
        GeneratorOutput output = GeneratorHarness.Run(TestFile.Credentials(GeneratorHarness.GoodJson));

        Assert.Empty(output.OutputDiagnostics);
    }

    [Fact]
    public void Generated_options_hold_the_file_values_at_run_time()
    {
        Type generated = LoadGeneratedClass(GeneratorHarness.Run(TestFile.Credentials(GeneratorHarness.GoodJson)), "Sample.ClarifyCredentials");

        var options = (ClarifyOptions)generated.GetProperty("Options")!.GetValue(null)!;
        Assert.Equal(new Uri("https://api.clarify.io/v1/"), options.ApiUrl);
        Assert.Equal("c0jd1g6qnk1emp4tq2ag", options.IntegrationId);
        Assert.Equal("Plant A", options.Name);
        Assert.Equal(ClarifyCredential.ClientCredentials("cl1ent1d", "s3cr3t-value"), options.Credential);
        Assert.Same(options, generated.GetProperty("Options")!.GetValue(null));
        Assert.Equal("Plant A", generated.GetField("Name")!.GetValue(null));
    }

    [Fact]
    public void Api_url_defaults_and_is_normalised_to_one_trailing_slash()
    {
        string withoutSlash = GeneratorHarness.GoodJson.Replace("https://api.clarify.io/v1/", "https://eu.clarify.example/v1//", StringComparison.Ordinal);
        string withoutApiUrl = GeneratorHarness.GoodJson.Replace("\"apiUrl\": \"https://api.clarify.io/v1/\",", string.Empty, StringComparison.Ordinal);

        Assert.Equal(new Uri("https://eu.clarify.example/v1/"), ReadApiUrl(withoutSlash));
        Assert.Equal(new Uri("https://api.clarify.io/v1/"), ReadApiUrl(withoutApiUrl));
    }

    [Fact]
    public void Basic_auth_file_gives_basic_auth_credentials()
    {
        string json = GeneratorHarness.GoodJson.Replace("client-credentials", "basic-auth", StringComparison.Ordinal);
        Type generated = LoadGeneratedClass(GeneratorHarness.Run(TestFile.Credentials(json)), "Sample.ClarifyCredentials");

        var options = (ClarifyOptions)generated.GetProperty("Options")!.GetValue(null)!;
        Assert.Equal(ClarifyCredentialType.BasicAuth, options.Credential.Type);
    }

    [Theory]
    [InlineData("quote \" and backslash \\ end")]
    [InlineData("tab\tnew line\nreturn\r nul\0 bell\a")]
    [InlineData("unicode \u00e9\u4e2d \ud83d\ude00 line sep \u2028 para \u2029 next \u0085")]
    [InlineData("/* not a comment */ // nor this {0} \"\"\" ")]
    public void Every_string_survives_the_trip_from_json_to_a_compiled_constant(string value) => AssertRoundTrip(value);

    [Fact]
    public void Lone_surrogates_survive_the_trip_from_json_to_a_compiled_constant()
    {
        // Not in [InlineData]: attribute data cannot carry a lone surrogate intact.
        AssertRoundTrip("lone high \ud800 and low \udc00 end");
    }

    private static void AssertRoundTrip(string value)
    {
        string json = GeneratorHarness.GoodJson
            .Replace("\"Plant A\"", JsonString(value), StringComparison.Ordinal)
            .Replace("\"cl1ent1d\"", JsonString(value + "id"), StringComparison.Ordinal);
        GeneratorOutput output = GeneratorHarness.Run(TestFile.Credentials(json));
        Assert.Empty(output.OutputDiagnostics);

        Type generated = LoadGeneratedClass(output, "Sample.ClarifyCredentials");
        Assert.Equal(value, generated.GetField("Name")!.GetValue(null));
        Assert.Equal(value + "id", generated.GetField("ClientId")!.GetValue(null));
    }

    [Fact]
    public void Environment_mode_keeps_the_secret_out_of_the_source_and_names_the_variable_when_unset()
    {
        string variable = "CLARIFY_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        var metadata = new Dictionary<string, string> { ["ClarifySecretMode"] = "Environment", ["ClarifySecretVariable"] = variable };
        GeneratorOutput output = GeneratorHarness.Run(TestFile.Credentials(GeneratorHarness.GoodJson, metadata));

        Assert.Empty(output.Diagnostics);
        Assert.Empty(output.OutputDiagnostics);
        string source = Assert.Single(output.Sources).SourceText.ToString();
        Assert.DoesNotContain("s3cr3t-value", source, StringComparison.Ordinal);
        Assert.Contains($"global::Clarify.Typed.ClarifySecrets.FromEnvironment(\"{variable}\"", source, StringComparison.Ordinal);

        PropertyInfo optionsProperty = LoadGeneratedClass(output, "Sample.ClarifyCredentials").GetProperty("Options")!;
        var unset = Assert.Throws<TargetInvocationException>(() => optionsProperty.GetValue(null));
        ClarifyConfigurationException error = Assert.IsType<ClarifyConfigurationException>(unset.InnerException);
        Assert.Contains(variable, error.Message, StringComparison.Ordinal);

        // A failure is not cached: once the variable is set, the options are built from it.
        Environment.SetEnvironmentVariable(variable, "from-the-environment");
        try
        {
            var options = (ClarifyOptions)optionsProperty.GetValue(null)!;
            Assert.Equal("from-the-environment", options.Credential.ClientSecret);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Environment_mode_does_not_require_the_secret_in_the_file()
    {
        string json = GeneratorHarness.GoodJson.Replace(",\n    \"clientSecret\": \"s3cr3t-value\"", string.Empty, StringComparison.Ordinal);
        var metadata = new Dictionary<string, string> { ["ClarifySecretMode"] = "environment" };

        GeneratorOutput output = GeneratorHarness.Run(TestFile.Credentials(json, metadata));

        Assert.DoesNotContain("clientSecret", json, StringComparison.Ordinal);
        Assert.Empty(output.Diagnostics);
        Assert.Contains("FromEnvironment(\"CLARIFY_CLIENT_SECRET\"", Assert.Single(output.Sources).SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_sets_class_name_namespace_and_accessibility()
    {
        var metadata = new Dictionary<string, string>
        {
            ["ClarifyClassName"] = "PlantCredentials",
            ["ClarifyNamespace"] = "Contoso.Plants",
            ["ClarifyAccessibility"] = "public",
        };
        GeneratorOutput output = GeneratorHarness.Run(TestFile.Credentials(GeneratorHarness.GoodJson, metadata));

        GeneratedSourceResult source = Assert.Single(output.Sources);
        Assert.Equal("Contoso.Plants.PlantCredentials.g.cs", source.HintName);
        Type generated = LoadGeneratedClass(output, "Contoso.Plants.PlantCredentials");
        Assert.True(generated.IsPublic);
    }

    [Fact]
    public void Other_file_names_need_the_metadata_and_derive_their_class_name()
    {
        var marked = new TestFile("/project/config/plant-b.credentials.json", GeneratorHarness.GoodJson, new Dictionary<string, string> { ["ClarifyCredentials"] = "true" });
        var unmarked = new TestFile("/project/other.json", GeneratorHarness.GoodJson);
        var optedOut = new TestFile("/project/sub/CLARIFY-CREDENTIALS.JSON", GeneratorHarness.GoodJson, new Dictionary<string, string> { ["ClarifyCredentials"] = "false" });

        GeneratorOutput output = GeneratorHarness.Run([marked, unmarked, optedOut], rootNamespace: null);

        Assert.Empty(output.Diagnostics);
        Assert.Equal(["PlantBCredentials.g.cs"], output.Sources.Select(s => s.HintName));
        Assert.Empty(output.OutputDiagnostics);
    }

    [Fact]
    public void The_conventional_name_is_matched_without_regard_to_case()
    {
        GeneratorOutput output = GeneratorHarness.Run(new TestFile("C:\\project\\Clarify-Credentials.JSON", GeneratorHarness.GoodJson));

        Assert.Equal(["Sample.ClarifyCredentials.g.cs"], output.Sources.Select(s => s.HintName));
    }

    [Fact]
    public void The_same_path_listed_twice_generates_once()
    {
        GeneratorOutput output = GeneratorHarness.Run(TestFile.Credentials(GeneratorHarness.GoodJson), TestFile.Credentials(GeneratorHarness.GoodJson));

        Assert.Empty(output.Diagnostics);
        Assert.Single(output.Sources);
    }

    [Fact]
    public void Warnings_still_generate_the_class()
    {
        string json = GeneratorHarness.GoodJson.Replace("\"name\"", "\"nickname\": \"x\", \"name\"", StringComparison.Ordinal);

        GeneratorOutput output = GeneratorHarness.Run(TestFile.Credentials(json));

        Assert.Equal(["CLARIFY009"], output.Diagnostics.Select(d => d.Id));
        Assert.Single(output.Sources);
    }

    private static Uri ReadApiUrl(string json) =>
        (Uri)LoadGeneratedClass(GeneratorHarness.Run(TestFile.Credentials(json)), "Sample.ClarifyCredentials").GetProperty("ApiUrl")!.GetValue(null)!;

    /// <summary>A JSON string literal that escapes everything but printable ASCII, so any UTF-16 text (lone surrogates too) round-trips.</summary>
    private static string JsonString(string value) =>
        "\"" + string.Concat(value.Select(c => c is '"' or '\\' ? "\\" + c : c is >= ' ' and < '\u007f' ? c.ToString() : $"\\u{(int)c:x4}")) + "\"";

    /// <summary>Emits the generated compilation and loads it; Clarify.Typed resolves to the copy this test already loaded.</summary>
    internal static Type LoadGeneratedClass(GeneratorOutput output, string typeName)
    {
        using var image = new MemoryStream();
        EmitResult emitted = output.OutputCompilation.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        Assembly assembly = Assembly.Load(image.ToArray());
        return assembly.GetType(typeName, throwOnError: true)!;
    }
}
