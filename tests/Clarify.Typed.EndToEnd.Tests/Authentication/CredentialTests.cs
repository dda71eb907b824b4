using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.Emulator;
using Clarify.Typed.Models;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.EndToEnd.Tests.Authentication;

/// <summary>Both credential types against a server that checks them, right and wrong.</summary>
public sealed class CredentialTests
{
    [Fact]
    public async Task Basic_auth_credentials_call_the_api_without_any_token_request()
    {
        ClarifyCredential basic = ClarifyCredential.BasicAuth("basic-client", "basic-secret-value");
        await using ClarifyEmulator emulator = await StartEmulatorAsync(configure: o => o.Credential = basic);
        using ClarifyClient client = CreateClient(emulator);

        SaveSignalsResult saved = await client.SaveSignalsAsync(new Dictionary<string, SignalSave> { ["b"] = new() { Name = "Basic" } });

        Assert.True(saved.SignalsByInput["b"].Created);
        Assert.Equal(0, emulator.TokenRequestCount);
        Assert.Equal(1, emulator.RpcRequestCount);
    }

    [Fact]
    public async Task A_wrong_basic_auth_secret_is_a_typed_authentication_error_without_the_secret()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync(configure: o => o.Credential = ClarifyCredential.BasicAuth("basic-client", "basic-secret-value"));
        var wrong = new ClarifyOptions(emulator.ApiUrl, emulator.Options.IntegrationId, ClarifyCredential.BasicAuth("basic-client", "not-the-secret"));
        using ClarifyClient client = CreateClient(wrong);

        ClarifyAuthenticationException error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => client.SelectItemsAsync());

        Assert.Contains("clientSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_the_token_endpoints_invalid_client_error()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        var wrong = new ClarifyOptions(emulator.ApiUrl, emulator.Options.IntegrationId, ClarifyCredential.ClientCredentials(ClarifyEmulatorOptions.DefaultClientId, "not-the-secret"));
        using ClarifyClient client = CreateClient(wrong);

        ClarifyAuthenticationException error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => client.SelectItemsAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("invalid_client", error.Error);
        Assert.DoesNotContain("not-the-secret", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, emulator.RpcRequestCount);
    }
}
