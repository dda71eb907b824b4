using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
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

        IReadOnlyList<FakeLogRecord> records = logs.Collector.GetSnapshot();
        List<string> lines = records.Select(Describe).ToList();
        Assert.Contains(lines, l => l.Contains("Request Headers", StringComparison.Ordinal));
        Assert.Equal(2, _clarify.IssuedTokens.Count);
        string[] secrets = [TestCredentials.ClientSecret, .. _clarify.IssuedTokens];
        Assert.All(lines, line => Assert.DoesNotContain(secrets, s => line.Contains(s, StringComparison.Ordinal)));
    }

    private static string Describe(FakeLogRecord record) =>
        $"{record.Level} {record.Category}: {record.Message} | {string.Join(", ", record.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [])} | {record.Exception}";
}
