using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Clarify.Typed.Emulator.Tests.Authentication;

public sealed class RpcAuthenticationTests
{
    private const string SelectItems = """{"jsonrpc":"2.0","id":1,"method":"clarify.selectItems","params":{}}""";

    [Fact]
    public async Task A_request_without_credentials_gets_401_with_a_bearer_challenge()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        using var http = new HttpClient();

        using HttpResponseMessage response = await http.PostAsync(client.Emulator.Options.RpcUrl, new StringContent(SelectItems, Encoding.UTF8, "application/json"));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(0, client.Emulator.GetRpcRequestCount("clarify.selectItems"));
    }

    [Fact]
    public async Task A_token_the_emulator_never_issued_gets_401()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        using HttpResponseMessage response = await client.PostRpcAsync(SelectItems, new AuthenticationHeaderValue("Bearer", "made-up-token"));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("made-up-token", response.Headers.WwwAuthenticate + await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_is_accepted_until_its_lifetime_has_passed_on_the_emulators_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using EmulatorClient client = await EmulatorClient.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.TokenLifetime = TimeSpan.FromSeconds(60);
        });
        var bearer = new AuthenticationHeaderValue("Bearer", await client.GetTokenAsync());

        clock.Advance(TimeSpan.FromSeconds(59));
        using HttpResponseMessage before = await client.PostRpcAsync(SelectItems, bearer);
        clock.Advance(TimeSpan.FromSeconds(1));
        using HttpResponseMessage after = await client.PostRpcAsync(SelectItems, bearer);

        Assert.Equal(200, (int)before.StatusCode);
        Assert.Equal(401, (int)after.StatusCode);
        Assert.Contains("expired", (await EmulatorClient.ReadObjectAsync(after))["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_auth_works_when_the_integration_uses_it_and_bearer_does_not()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync(o => o.Credential = ClarifyCredential.BasicAuth("basic-user", "basic-password"));

        using HttpResponseMessage good = await client.PostRpcAsync(SelectItems, Basic("basic-user", "basic-password"));
        using HttpResponseMessage wrong = await client.PostRpcAsync(SelectItems, Basic("basic-user", "nope"));
        using HttpResponseMessage bearer = await client.PostRpcAsync(SelectItems, new AuthenticationHeaderValue("Bearer", "anything"));

        Assert.Equal(200, (int)good.StatusCode);
        Assert.NotNull((await EmulatorClient.ReadObjectAsync(good))["result"]);
        Assert.Equal(401, (int)wrong.StatusCode);
        Assert.Equal("Basic", Assert.Single(wrong.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(401, (int)bearer.StatusCode);
    }

    [Fact]
    public async Task Basic_credentials_are_refused_for_a_client_credentials_integration()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        using HttpResponseMessage response = await client.PostRpcAsync(SelectItems, Basic(client.Emulator.Options.Credential.ClientId, client.Emulator.Options.Credential.ClientSecret));

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task ExpireAllTokens_makes_issued_tokens_fail_and_new_ones_work()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        var old = new AuthenticationHeaderValue("Bearer", await client.GetTokenAsync());

        client.Emulator.Faults.ExpireAllTokens();
        using HttpResponseMessage refused = await client.PostRpcAsync(SelectItems, old);
        using HttpResponseMessage renewed = await client.PostRpcAsync(SelectItems, new AuthenticationHeaderValue("Bearer", await client.GetTokenAsync()));

        Assert.Equal(401, (int)refused.StatusCode);
        Assert.Equal(200, (int)renewed.StatusCode);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
