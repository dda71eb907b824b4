using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.DependencyInjection;
using Clarify.Typed.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Clarify.Typed.Tests.DependencyInjection;

public sealed class ResilienceTests : IDisposable
{
    private readonly FakeClarify _clarify = new();

    public void Dispose() => _clarify.Dispose();

    /// <summary>A retry without waits, so the test is quick; it retries 5xx like the standard handler.</summary>
    private static void FastRetry(IClarifyBuilder clarify) =>
        clarify.HttpClient.AddResilienceHandler("fast-retry", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            Delay = TimeSpan.Zero,
            BackoffType = DelayBackoffType.Constant,
            UseJitter = false,
        }));

    [Fact]
    public async Task A_retry_after_401_then_503_carries_the_fresh_token()
    {
        using IHost host = await TestHosts.StartAsync(services => FastRetry(services.WithoutRateLimits().AddClarify(_clarify.Options())));
        _clarify.ScriptRpcStatuses(401, 503);

        await host.Services.GetRequiredService<ClarifyClient>().SelectItemsAsync().Within();

        // 401: the auth handler drops token 1 and replays once with token 2; that answer is 503,
        // so the retry outside re-enters the auth handler, which sends the cached token 2.
        Assert.Equal(
            [
                ("/v1/rpc", FakeClarify.Bearer(1)),
                ("/v1/rpc", FakeClarify.Bearer(2)),
                ("/v1/rpc", FakeClarify.Bearer(2)),
            ],
            _clarify.ApiAuthorizations);
        Assert.Equal(2, _clarify.TokenRequests.Count);
    }

    [Fact]
    public async Task A_retried_insert_resends_the_same_streamed_body()
    {
        using IHost host = await TestHosts.StartAsync(services => FastRetry(services.WithoutRateLimits().AddClarify(_clarify.Options())));
        _clarify.ScriptRpcStatuses(503);
        DataFrame frame = new DataFrameBuilder().AddRow(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "temperature", 21.5).Build();

        await host.Services.GetRequiredService<ClarifyClient>().InsertAsync(frame).Within();

        Assert.Equal(2, _clarify.RpcRequests.Count);
        Assert.Contains("\"temperature\"", _clarify.RpcRequests[0].Body, StringComparison.Ordinal);
        Assert.Equal(_clarify.RpcRequests[0].Body, _clarify.RpcRequests[1].Body);
    }

    [Fact]
    public async Task The_standard_resilience_handler_retries_through_the_auth_handler()
    {
        using IHost host = await TestHosts.StartAsync(services => services
            .WithoutRateLimits()
            .AddClarify(_clarify.Options())
            .AddApi<IStatusApi>()
            .HttpClient.AddStandardResilienceHandler(o =>
            {
                o.Retry.Delay = TimeSpan.Zero;
                o.Retry.UseJitter = false;
            }));
        _clarify.ScriptRpcStatuses(503, 401, 500);

        await host.Services.GetRequiredService<ClarifyClient>().SelectItemsAsync().Within();
        await host.Services.GetRequiredService<IStatusApi>().GetStatusAsync().Within();

        string first = FakeClarify.Bearer(1);
        string second = FakeClarify.Bearer(2);
        Assert.Equal(
            [("/v1/rpc", first), ("/v1/rpc", first), ("/v1/rpc", second), ("/v1/rpc", second), ("/v1/status", second)],
            _clarify.ApiAuthorizations);
        Assert.Equal(2, _clarify.TokenRequests.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_auth_handler_is_inside_every_user_handler_whatever_the_registration_order(bool httpClientFactoryFirst)
    {
        using IHost host = await TestHosts.StartAsync(services =>
        {
            if (httpClientFactoryFirst)
            {
                services.AddHttpClient();
            }

            IClarifyBuilder clarify = services.AddClarify(_clarify.Options());
            FastRetry(clarify);
            clarify.HttpClient.AddHttpMessageHandler(() => new MarkerHandler());
        });

        List<HttpMessageHandler> chain = Chain(host.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(new ClarifyRegistration(string.Empty).ApiClientName));

        int resilience = chain.FindIndex(h => h is ResilienceHandler);
        int marker = chain.FindIndex(h => h is MarkerHandler);
        int authentication = chain.FindIndex(h => h is ClarifyAuthenticationHandler);
        Assert.True(resilience >= 0 && resilience < marker && marker < authentication, string.Join(" > ", chain.ConvertAll(h => h.GetType().Name)));
        Assert.IsType<SocketsHttpHandler>(chain[^1]);

        // Not even the factory's logging handler sits inside it, so no log sees the token.
        Assert.Equal(chain.Count - 2, authentication);
    }

    [Fact]
    public async Task The_token_client_gets_no_auth_handler_and_no_user_handler()
    {
        using IHost host = await TestHosts.StartAsync(services => FastRetry(services.AddClarify(_clarify.Options())));

        List<HttpMessageHandler> chain = Chain(host.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(new ClarifyRegistration(string.Empty).TokenClientName));

        Assert.DoesNotContain(chain, h => h is ClarifyAuthenticationHandler or ResilienceHandler);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Client_defaults_stay_outside_the_auth_handler_and_never_reach_the_token_client(bool defaultsFirst)
    {
        using IHost host = await TestHosts.StartAsync(services =>
        {
            if (defaultsFirst)
            {
                AddDefaults(services);
            }

            services.AddClarify(_clarify.Options());
            if (!defaultsFirst)
            {
                AddDefaults(services);
            }
        });
        var factory = host.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        List<HttpMessageHandler> api = Chain(factory.CreateHandler(new ClarifyRegistration(string.Empty).ApiClientName));
        List<HttpMessageHandler> token = Chain(factory.CreateHandler(new ClarifyRegistration(string.Empty).TokenClientName));

        int authentication = api.FindIndex(h => h is ClarifyAuthenticationHandler);
        Assert.True(api.FindIndex(h => h is ResilienceHandler) < authentication && api.FindIndex(h => h is MarkerHandler) < authentication);
        Assert.Equal(api.Count - 2, authentication);
        Assert.DoesNotContain(token, h => h is MarkerHandler or ResilienceHandler or ClarifyAuthenticationHandler);
        Assert.False(Assert.IsType<SocketsHttpHandler>(token[^1]).AllowAutoRedirect);

        // A token request through the factory's client still works and is made once.
        await host.Services.GetRequiredService<ClarifyClient>().SelectItemsAsync().Within();
        Assert.Single(_clarify.TokenRequests);
    }

    /// <summary>What .NET Aspire's service defaults and similar setups do to every client.</summary>
    private static void AddDefaults(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddHttpMessageHandler(() => new MarkerHandler());
            http.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = true });
            http.ConfigureHttpClient(client => client.BaseAddress = new Uri("https://elsewhere.example/"));
        });

    private static List<HttpMessageHandler> Chain(HttpMessageHandler outermost)
    {
        var chain = new List<HttpMessageHandler>();
        for (HttpMessageHandler? handler = outermost; handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(handler);
        }

        return chain;
    }

    private sealed class MarkerHandler : DelegatingHandler
    {
    }
}
