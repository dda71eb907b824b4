using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Clarify.Typed.Tests.DependencyInjection;

/// <summary>
/// IHttpClientFactory logs request headers at Trace, redacted in the message but raw in the
/// structured state that JSON and OpenTelemetry sinks write: the token must be in neither.
/// </summary>
public sealed class HttpLoggingTests : IDisposable
{
    private readonly FakeClarify _clarify = new();

    public void Dispose() => _clarify.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Trace_logs_of_every_call_hold_no_token_and_no_secret(bool httpClientFactoryFirst)
    {
        using var logs = new FakeLoggerProvider();
        using IHost host = await TestHosts.StartAsync(
            services =>
            {
                // Registered first, the factory's logging filter would wrap ours unless ours is put first:
                // its innermost logger would then log the Authorization value in its structured state.
                if (httpClientFactoryFirst)
                {
                    services.AddHttpClient();
                }

                services.WithoutRateLimits().AddClarify(_clarify.Options()).AddApi<IStatusApi>();
            },
            logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        _clarify.ScriptRpcStatuses(401);

        await host.Services.GetRequiredService<ClarifyClient>().SelectItemsAsync().Within();
        await host.Services.GetRequiredService<IStatusApi>().GetStatusAsync().Within();

        List<string> lines = logs.Collector.GetSnapshot().Select(Describe).ToList();
        Assert.Contains(lines, l => l.Contains("Request Headers", StringComparison.Ordinal));
        Assert.Equal(2, _clarify.IssuedTokens.Count);
        AssertNoneContains(lines, [TestCredentials.ClientSecret, .. _clarify.IssuedTokens]);
    }

    // A resilience handler resends the very request message the authentication handler saw: if the
    // handler left its Authorization header on, the inner logging handler would log it on the retry.
    [Fact]
    public async Task Requests_retried_by_the_standard_resilience_handler_log_no_token_even_after_a_401_replay()
    {
        using var logs = new FakeLoggerProvider();
        using IHost host = await StartWithStandardResilienceAsync(_clarify.Options(), logs);

        // 503 (token 1) → retry: 401 (token 1), replay with token 2: 503 → retry: 200 (token 2).
        _clarify.ScriptRpcStatuses(503, 401, 503);
        await host.Services.GetRequiredService<ClarifyClient>().SelectItemsAsync().Within();

        Assert.Equal(4, _clarify.ApiRequests.Count);
        Assert.Equal(2, _clarify.IssuedTokens.Count);
        List<string> lines = logs.Collector.GetSnapshot().Select(Describe).ToList();
        Assert.Equal(3, lines.Count(IsInnerRequestHeaderLog)); // the 401 replay happens inside the authentication handler
        AssertNoneContains(lines, [TestCredentials.ClientSecret, .. _clarify.IssuedTokens]);
    }

    [Fact]
    public async Task Requests_retried_by_the_standard_resilience_handler_log_no_basic_credentials()
    {
        using var logs = new FakeLoggerProvider();
        using IHost host = await StartWithStandardResilienceAsync(_clarify.Options(ClarifyCredentialType.BasicAuth), logs);

        _clarify.ScriptRpcStatuses(503);
        await host.Services.GetRequiredService<ClarifyClient>().SelectItemsAsync().Within();

        Assert.Equal(
            [("/v1/rpc", "Basic " + TestCredentials.BasicCredentials), ("/v1/rpc", "Basic " + TestCredentials.BasicCredentials)],
            _clarify.ApiAuthorizations);
        List<string> lines = logs.Collector.GetSnapshot().Select(Describe).ToList();
        Assert.Equal(2, lines.Count(IsInnerRequestHeaderLog));
        AssertNoneContains(lines, [TestCredentials.ClientSecret, TestCredentials.BasicCredentials]);
    }

    private static Task<IHost> StartWithStandardResilienceAsync(ClarifyOptions options, FakeLoggerProvider logs) =>
        TestHosts.StartAsync(
            services => services
                .WithoutRateLimits()
                .AddClarify(options)
                .HttpClient.AddStandardResilienceHandler(o =>
                {
                    o.Retry.Delay = TimeSpan.Zero;
                    o.Retry.UseJitter = false;
                }),
            logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));

    /// <summary>The innermost logging handler's header log: the one a resent request passes last.</summary>
    private static bool IsInnerRequestHeaderLog(string line) =>
        line.Contains($"System.Net.Http.HttpClient.{new ClarifyRegistration(string.Empty).ApiClientName}.ClientHandler:", StringComparison.Ordinal)
        && line.Contains("Request Headers", StringComparison.Ordinal);

    private static void AssertNoneContains(List<string> lines, string[] secrets)
    {
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.DoesNotContain(secrets, s => line.Contains(s, StringComparison.Ordinal)));
    }

    /// <summary>
    /// The message and every structured value as a sink would write it: collections (the header
    /// log's values are lists of header values) are written item by item, not as a type name.
    /// </summary>
    private static string Describe(FakeLogRecord record) =>
        $"{record.Level} {record.Category}: {record.Message} | {Text(record.State)} | {record.Exception}";

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        IEnumerable<KeyValuePair<string, object?>> pairs => string.Join(", ", pairs.Select(p => $"{p.Key}={Text(p.Value)}")),
        IEnumerable items => $"{value} [{string.Join(", ", items.Cast<object?>().Select(Text))}]",
        _ => value.ToString() ?? string.Empty,
    };
}
