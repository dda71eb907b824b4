using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests.Authentication;

public sealed class TokenEndpointTests
{
    [Fact]
    public async Task Valid_client_credentials_get_a_jwt_bearer_token_with_the_configured_lifetime()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync(o => o.TokenLifetime = TimeSpan.FromSeconds(3600));

        using HttpResponseMessage response = await client.PostTokenAsync(client.ValidTokenForm());
        JsonObject body = await EmulatorClient.ReadObjectAsync(response);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty(body["scope"]!.GetValue<string>()));
        JsonObject claims = AccessTokenTests.Decode(body["access_token"]!.GetValue<string>().Split('.')[1]);
        Assert.InRange(claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>(), 3600, 3601); // whole seconds on the real clock
        Assert.Equal(client.Emulator.ApiUrl.AbsoluteUri, Assert.Single(claims["aud"]!.AsArray())!.GetValue<string>());
        Assert.Equal(body["scope"]!.GetValue<string>(), claims["scope"]!.GetValue<string>());
        Assert.Equal(1, client.Emulator.TokenRequestCount);
        Assert.Equal(1, client.Emulator.IssuedTokenCount);
    }

    [Fact]
    public async Task Every_token_request_gets_a_new_token()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        Assert.NotEqual(await client.GetTokenAsync(), await client.GetTokenAsync());
        Assert.Equal(2, client.Emulator.IssuedTokenCount);
    }

    public static TheoryData<string, string?, int, string> Refusals() => new()
    {
        { "client_secret", "wrong-secret", 401, "invalid_client" },
        { "client_id", "someone-else", 401, "invalid_client" },
        { "grant_type", "password", 400, "unsupported_grant_type" },
        { "grant_type", null, 400, "invalid_request" },
        { "client_secret", null, 400, "invalid_request" },
        { "audience", null, 400, "invalid_request" },
        { "audience", "https://api.clarify.io/v1/", 400, "invalid_request" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Wrong_or_missing_fields_get_an_OAuth_error_body(string field, string? value, int status, string error)
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        Dictionary<string, string> form = client.ValidTokenForm();
        if (value is null)
        {
            form.Remove(field);
        }
        else
        {
            form[field] = value;
        }

        using HttpResponseMessage response = await client.PostTokenAsync(form);
        JsonObject body = await EmulatorClient.ReadObjectAsync(response);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(error, body["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["error_description"]!.GetValue<string>()));
        Assert.Null(body["access_token"]);
        Assert.DoesNotContain(client.Emulator.Options.Credential.ClientSecret, body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, client.Emulator.IssuedTokenCount);
        Assert.Equal(1, client.Emulator.TokenRequestCount);
    }

    [Fact]
    public async Task The_audience_must_carry_the_trailing_slash()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        Dictionary<string, string> form = client.ValidTokenForm();
        form["audience"] = client.Emulator.ApiUrl.AbsoluteUri.TrimEnd('/');

        using HttpResponseMessage response = await client.PostTokenAsync(form);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(client.Emulator.ApiUrl.AbsoluteUri, (await EmulatorClient.ReadObjectAsync(response))["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_may_authenticate_with_http_basic_and_form_urlencoded_credentials_instead()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync(o => o.Credential = ClarifyCredential.ClientCredentials("client id", "s3cret+/:="));
        Dictionary<string, string> form = client.ValidTokenForm();
        form.Remove("client_id");
        form.Remove("client_secret");
        string basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString("client id")}:{Uri.EscapeDataString("s3cret+/:=")}"));

        using HttpResponseMessage response = await client.PostTokenAsync(form, new AuthenticationHeaderValue("Basic", basic));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(1, client.Emulator.IssuedTokenCount);
    }

    [Fact]
    public async Task Credentials_in_both_the_form_and_http_basic_are_refused()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        string basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{ClarifyEmulatorOptions.DefaultClientId}:{ClarifyEmulatorOptions.DefaultClientSecret}"));

        using HttpResponseMessage response = await client.PostTokenAsync(client.ValidTokenForm(), new AuthenticationHeaderValue("Basic", basic));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_request", (await EmulatorClient.ReadObjectAsync(response))["error"]!.GetValue<string>());
        Assert.Equal(0, client.Emulator.IssuedTokenCount);
    }

    [Fact]
    public async Task A_json_body_is_not_a_token_request()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        using var http = new HttpClient();

        using HttpResponseMessage response = await http.PostAsync(client.Emulator.Options.TokenUrl, new StringContent("{\"grant_type\":\"client_credentials\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_request", (await EmulatorClient.ReadObjectAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_basic_auth_integration_gets_no_tokens()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync(o => o.Credential = ClarifyCredential.BasicAuth("basic-user", "basic-password"));

        using HttpResponseMessage response = await client.PostTokenAsync(client.ValidTokenForm());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("unauthorized_client", (await EmulatorClient.ReadObjectAsync(response))["error"]!.GetValue<string>());
    }
}
