using System;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Clarify.Typed.Tests.DependencyInjection;

public sealed class RegistrationTests : IDisposable
{
    private readonly FakeClarify _clarify = new();

    public void Dispose() => _clarify.Dispose();

    [Fact]
    public async Task ClarifyClient_and_user_declared_interfaces_share_one_token()
    {
        using IHost host = await TestHosts.StartAsync(services => services
            .WithoutRateLimits()
            .AddClarify(_clarify.Options())
            .AddApi<IUserRpcApi>(UserJsonContext.Default)
            .AddApi<IStatusApi>());

        await host.Services.GetRequiredService<ClarifyClient>().SelectItemsAsync().Within();
        JsonRpcResponse<UserSelection> user = await host.Services.GetRequiredService<IUserRpcApi>()
            .CallAsync(new JsonRpcRequest<UserParams>(42, "admin.customMethod", new UserParams { Integration = TestCredentials.IntegrationId })).Within();
        StatusDocument status = await host.Services.GetRequiredService<IStatusApi>().GetStatusAsync().Within();

        Assert.Equal("admin.customMethod", user.Result?.Method);
        Assert.Equal(42, user.Id.GetInt64());
        Assert.Equal("ok", status.Status);
        Assert.Single(_clarify.TokenRequests);
        string bearer = FakeClarify.Bearer(1);
        Assert.Equal([("/v1/rpc", bearer), ("/v1/rpc", bearer), ("/v1/status", bearer)], _clarify.ApiAuthorizations);
    }

    [Fact]
    public async Task Concurrent_first_calls_through_every_service_make_one_token_request()
    {
        using IHost host = await TestHosts.StartAsync(services => services
            .WithoutRateLimits()
            .AddClarify(_clarify.Options())
            .AddApi<IStatusApi>());
        ClarifyClient client = host.Services.GetRequiredService<ClarifyClient>();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => i % 2 == 0
            ? (Task)client.SelectItemsAsync()
            : host.Services.GetRequiredService<IStatusApi>().GetStatusAsync())).Within();

        Assert.Single(_clarify.TokenRequests);
        Assert.Equal(16, _clarify.ApiRequests.Count);
        Assert.All(_clarify.ApiRequests, r => Assert.Equal(FakeClarify.Bearer(1), r.Authorization));
    }

    [Fact]
    public async Task Errors_from_user_declared_interfaces_carry_no_token()
    {
        using IHost host = await TestHosts.StartAsync(services => services.AddClarify(_clarify.Options()).AddApi<IUserRpcApi>(UserJsonContext.Default));
        IUserRpcApi api = host.Services.GetRequiredService<IUserRpcApi>();
        _clarify.ScriptRpcStatuses(500, 401, 401);

        Exception serverError = await Assert.ThrowsAnyAsync<Exception>(() => api.CallAsync(new(1, "admin.customMethod", new UserParams())).Within());
        Exception rejected = await Assert.ThrowsAnyAsync<Exception>(() => api.CallAsync(new(2, "admin.customMethod", new UserParams())).Within());

        Assert.IsType<ClarifyAuthenticationException>(rejected.GetBaseException());
        Assert.Equal(2, _clarify.IssuedTokens.Count);
        Assert.All([serverError.ToString(), rejected.ToString()], text =>
            Assert.DoesNotContain([TestCredentials.ClientSecret, .. _clarify.IssuedTokens], s => text.Contains(s, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Disposing_the_host_disposes_the_token_caches()
    {
        IHost host = await TestHosts.StartAsync(services => services.AddClarify(_clarify.Options()));
        ClarifyTokenCache cache = host.Services.GetRequiredKeyedService<ClarifyTokenCache>(string.Empty);

        host.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => cache.GetTokenAsync(default).AsTask().Within());
        Assert.Empty(_clarify.TokenRequests);
    }

    [Fact]
    public async Task Two_integrations_each_send_their_own_token()
    {
        using IHost host = await TestHosts.StartAsync(services =>
        {
            services.WithoutRateLimits("plant-a").WithoutRateLimits("plant-b");
            services.AddClarify("plant-a", _clarify.Options()).AddApi<IStatusApi>();
            services.AddClarify("plant-b", _clarify.OtherOptions()).AddApi<IStatusApi>();
        });
        ClarifyClient a = host.Services.GetRequiredKeyedService<ClarifyClient>("plant-a");
        ClarifyClient b = host.Services.GetRequiredKeyedService<ClarifyClient>("plant-b");
        IStatusApi statusA = host.Services.GetRequiredKeyedService<IStatusApi>("plant-a");
        IStatusApi statusB = host.Services.GetRequiredKeyedService<IStatusApi>("plant-b");

        // Interleaved, so a token cached for one integration would be picked up by the other.
        await a.SelectItemsAsync().Within();
        await b.SelectItemsAsync().Within();
        await statusB.GetStatusAsync().Within();
        await statusA.GetStatusAsync().Within();
        await b.SelectSignalsAsync().Within();

        string bearerA = FakeClarify.Bearer(1);
        string bearerB = FakeClarify.Bearer(1, TestCredentials.OtherClientId);
        Assert.Equal(
            [("/v1/rpc", bearerA), ("/v1/rpc", bearerB), ("/v1/status", bearerB), ("/v1/status", bearerA), ("/v1/rpc", bearerB)],
            _clarify.ApiAuthorizations);
        int TokenRequestsFor(string clientId) => _clarify.TokenRequests.Count(r => r.Form["client_id"] == clientId);
        Assert.Equal((1, 1), (TokenRequestsFor(TestCredentials.ClientId), TokenRequestsFor(TestCredentials.OtherClientId)));
        Assert.NotSame(a, b);
        Assert.Null(host.Services.GetService<ClarifyClient>());
    }

    [Fact]
    public async Task Default_and_named_integrations_resolve_without_mixing()
    {
        using IHost host = await TestHosts.StartAsync(services =>
        {
            services.WithoutRateLimits().WithoutRateLimits("other");
            services.AddClarify(_clarify.Options()).AddApi<IStatusApi>();
            services.AddClarify("other", _clarify.OtherOptions()).AddApi<IStatusApi>();
        });

        Assert.Equal(_clarify.Options(), host.Services.GetRequiredService<ClarifyOptions>());
        Assert.Equal(_clarify.OtherOptions(), host.Services.GetRequiredKeyedService<ClarifyOptions>("other"));
        Assert.Same(host.Services.GetRequiredService<ClarifyClient>(), host.Services.GetRequiredKeyedService<ClarifyClient>(string.Empty));
        await host.Services.GetRequiredKeyedService<IStatusApi>("other").GetStatusAsync().Within();
        await host.Services.GetRequiredService<IStatusApi>().GetStatusAsync().Within();
        await host.Services.GetRequiredService<ClarifyClient>().SelectItemsAsync().Within();

        Assert.Equal(
            [
                ("/v1/status", FakeClarify.Bearer(1, TestCredentials.OtherClientId)),
                ("/v1/status", FakeClarify.Bearer(1)),
                ("/v1/rpc", FakeClarify.Bearer(1)),
            ],
            _clarify.ApiAuthorizations);
    }

    [Fact]
    public async Task Two_names_with_the_same_credentials_share_one_token()
    {
        using IHost host = await TestHosts.StartAsync(services =>
        {
            services.WithoutRateLimits("first").WithoutRateLimits("second");
            services.AddClarify("first", _clarify.Options());
            services.AddClarify("second", _clarify.Options());
        });

        await host.Services.GetRequiredKeyedService<ClarifyClient>("first").SelectItemsAsync().Within();
        await host.Services.GetRequiredKeyedService<ClarifyClient>("second").SelectItemsAsync().Within();

        Assert.Single(_clarify.TokenRequests);
    }

    [Fact]
    public async Task Basic_auth_integrations_send_basic_credentials_and_fetch_no_token()
    {
        var options = new ClarifyOptions(_clarify.ApiUrl, TestCredentials.IntegrationId, ClarifyCredential.BasicAuth(TestCredentials.ClientId, TestCredentials.ClientSecret));
        using IHost host = await TestHosts.StartAsync(services => services.WithoutRateLimits().AddClarify(options).AddApi<IStatusApi>());

        await host.Services.GetRequiredService<IStatusApi>().GetStatusAsync().Within();

        string basic = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(TestCredentials.ClientId + ":" + TestCredentials.ClientSecret));
        Assert.Equal([("/v1/status", basic)], _clarify.ApiAuthorizations);
        Assert.Empty(_clarify.TokenRequests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plant-a")]
    public void A_name_registered_twice_is_rejected(string name)
    {
        var services = new ServiceCollection();
        services.AddClarify(name, _clarify.Options());

        var error = Assert.Throws<ArgumentException>(() => services.AddClarify(name, _clarify.OtherOptions()));

        Assert.Contains($"named '{name}' is registered already", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_options_nor_configuration_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddClarify("plant-a", null, null));

        Assert.Contains("AddClarify needs compiled options", error.Message, StringComparison.Ordinal);
    }
}
