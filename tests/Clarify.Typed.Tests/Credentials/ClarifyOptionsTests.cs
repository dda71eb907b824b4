using System;
using Clarify.Typed.Credentials;

namespace Clarify.Typed.Tests.Credentials;

public class ClarifyOptionsTests
{
    private const string Secret = "s3cr3t-value-that-must-not-leak";

    [Theory]
    [InlineData("https://api.clarify.io/v1", "https://api.clarify.io/v1/")]
    [InlineData("https://api.clarify.io/v1/", "https://api.clarify.io/v1/")]
    [InlineData("https://api.clarify.io/v1///", "https://api.clarify.io/v1/")]
    [InlineData("http://localhost:5000/v1", "http://localhost:5000/v1/")]
    [InlineData("http://127.0.0.1:5000/v1/", "http://127.0.0.1:5000/v1/")]
    [InlineData("http://[::1]:5000/v1/", "http://[::1]:5000/v1/")]
    public void Api_url_is_normalised_to_one_trailing_slash_and_endpoints_derive_from_it(string given, string expected)
    {
        var options = new ClarifyOptions(new Uri(given), "c0jd1g6qnk1emp4tq2ag", ClarifyCredential.ClientCredentials("id", Secret));

        Assert.Equal(expected, options.ApiUrl.AbsoluteUri);
        Assert.Equal(expected + "oauth/token", options.TokenUrl.AbsoluteUri);
        Assert.Equal(expected + "rpc", options.RpcUrl.AbsoluteUri);
        Assert.Equal(expected, options.Audience);
    }

    [Fact]
    public void ToString_never_shows_the_secret()
    {
        var options = new ClarifyOptions(ClarifyOptions.DefaultApiUrl, "c0jd1g6qnk1emp4tq2ag", ClarifyCredential.ClientCredentials("my-client", Secret), "Plant A");

        string text = options.ToString();

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains("my-client", text, StringComparison.Ordinal);
        Assert.Contains("c0jd1g6qnk1emp4tq2ag", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, options.Credential.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://api.clarify.io/v1/", "plain http")]
    [InlineData("ftp://api.clarify.io/v1/", "absolute http or https URL")]
    [InlineData("https://api.clarify.io/v1/?x=1", "absolute http or https URL")]
    public void Bad_api_urls_are_rejected_with_the_shared_message(string apiUrl, string expected)
    {
        var error = Assert.Throws<ClarifyConfigurationException>(
            () => new ClarifyOptions(new Uri(apiUrl), "c0jd1g6qnk1emp4tq2ag", ClarifyCredential.ClientCredentials("id", Secret)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("'apiUrl'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_and_empty_values_are_all_reported_at_once_without_the_secret()
    {
        var error = Assert.Throws<ClarifyConfigurationException>(
            () => ClarifyOptions.Create("<<apiURL>>", "<YOUR_INTEGRATION_ID>", "client-credentials", " ", "<YOUR_CLIENT_SECRET>"));

        Assert.Equal(4, error.Problems.Count);
        Assert.Contains("'apiUrl' still holds the template placeholder '<<apiURL>>'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'integration' still holds the template placeholder '<YOUR_INTEGRATION_ID>'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'credentials.clientId' is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("'credentials.clientSecret' still holds the template placeholder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_secret_is_not_echoed_when_other_values_are_wrong()
    {
        var error = Assert.Throws<ClarifyConfigurationException>(
            () => ClarifyOptions.Create("https://api.clarify.io/v1/", null, "oauth", "id", Secret));

        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.Contains("'integration' is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("'credentials.type' is 'oauth'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'client-credentials', 'basic-auth'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_defaults_to_production_and_client_credentials()
    {
        ClarifyOptions options = ClarifyOptions.Create(null, "c0jd1g6qnk1emp4tq2ag", null, "id", Secret, "Name");

        Assert.Equal("https://api.clarify.io/v1/", options.ApiUrl.AbsoluteUri);
        Assert.Equal(ClarifyCredentialType.ClientCredentials, options.Credential.Type);
        Assert.Equal("Name", options.Name);
    }

    [Fact]
    public void Basic_auth_is_recognised_from_its_type_name()
    {
        ClarifyOptions options = ClarifyOptions.Create("https://api.clarify.io/v1", "c0jd1g6qnk1emp4tq2ag", "basic-auth", "c0jd1g6qnk1emp4tq2ag", Secret);

        Assert.Equal(ClarifyCredentialType.BasicAuth, options.Credential.Type);
        Assert.Equal("basic-auth", options.Credential.TypeName);
    }

    [Theory]
    [InlineData("<YOUR_CLIENT_ID>", "<YOUR_CLIENT_ID>")]
    [InlineData("<<apiURL>>", "<<apiURL>>")]
    [InlineData("prefix-<your client id>", "<your client id>")]
    [InlineData("YOUR_CLIENT_SECRET", "YOUR_CLIENT_SECRET")]
    [InlineData("...", "...")]
    [InlineData("a<b", null)]
    [InlineData("x>y<z", null)]
    [InlineData("MYYOUR_THING", null)]
    [InlineData("Zm9vYmFy<>", null)]
    public void Placeholders_are_found_and_ordinary_values_are_not(string value, string? expected)
    {
        Assert.Equal(expected, CredentialRules.FindPlaceholder(value));
    }

    [Theory]
    [InlineData("c0jd1g6qnk1emp4tq2ag", true)]
    [InlineData("c0jd1g6qnk1emp4tq2a", false)]
    [InlineData("c0jd1g6qnk1emp4tq2aw", false)]
    [InlineData("C0JD1G6QNK1EMP4TQ2AG", false)]
    public void Integration_ids_are_twenty_base32hex_characters(string id, bool valid)
    {
        Assert.Equal(valid, CredentialRules.IsResourceId(id));
    }

    [Fact]
    public void Secret_from_an_unset_environment_variable_names_the_variable()
    {
        const string variable = "CLARIFY_TYPED_TEST_UNSET_VARIABLE";
        Environment.SetEnvironmentVariable(variable, null);

        var error = Assert.Throws<ClarifyConfigurationException>(() => ClarifySecrets.FromEnvironment(variable));

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
        Assert.Contains("credentials.clientSecret", error.Message, StringComparison.Ordinal);
    }
}
