using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Diagnostics;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;

namespace Clarify.Typed.Tests.DependencyInjection;

/// <summary>
/// With DI the instruments live on the host's <see cref="IMeterFactory"/> meter, so each test binds
/// its collectors to its own host (<see cref="HostMetrics"/>) and runs in parallel with the others.
/// The activity source is process-wide: activities are told apart by the test's parent trace.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly FakeClarify _clarify = new();
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ActivityListener _listener;

    public TelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ClarifyTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _clarify.Dispose();
    }

    [Fact]
    public async Task A_call_records_its_activity_duration_token_fetch_and_rate_limiter_wait()
    {
        using IHost host = await TestHosts.StartAsync(services => services.AddClarify(_clarify.Options()));
        using var metrics = new HostMetrics(host);
        using var parent = new Activity("test").Start();

        await host.Services.GetRequiredService<ClarifyClient>().SelectItemsAsync().Within();

        Activity call = Assert.Single(_activities, a => a.TraceId == parent.TraceId && a.OperationName == ClarifyRpcMethods.SelectItems);
        Assert.Equal(ActivityKind.Client, call.Kind);
        Assert.Equal(parent.SpanId, call.ParentSpanId);
        Assert.Equal("jsonrpc", call.GetTagItem("rpc.system"));
        Assert.Equal(ClarifyRpcMethods.SelectItems, call.GetTagItem("rpc.method"));
        Assert.Equal("success", call.GetTagItem("outcome"));
        Assert.Single(_activities, a => a.TraceId == parent.TraceId && a.OperationName == "clarify.token.fetch");

        Assert.Contains(metrics.Durations.GetMeasurementSnapshot(), m =>
            m.Tags["rpc.method"] as string == ClarifyRpcMethods.SelectItems && m.Tags["outcome"] as string == "success" && m.Value >= 0);
        Assert.Contains(metrics.TokenFetches.GetMeasurementSnapshot(), m => m.Tags["outcome"] as string == "success" && m.Value == 1);
        Assert.Contains(metrics.RateLimiterWaits.GetMeasurementSnapshot(), m => m.Tags["rpc.method"] as string == ClarifyRpcMethods.SelectItems);
        AssertNoSecretInTags(metrics);
    }

    [Fact]
    public async Task A_method_without_a_rate_records_no_rate_limiter_wait()
    {
        using IHost host = await TestHosts.StartAsync(services => services
            .Configure<ClarifyClientOptions>(string.Empty, o => o.RequestsPerSecond.Remove(ClarifyRpcMethods.SelectItems))
            .AddClarify(_clarify.Options()));
        using var metrics = new HostMetrics(host);

        await host.Services.GetRequiredService<ClarifyClient>().SelectItemsAsync().Within();

        Assert.Contains(metrics.Durations.GetMeasurementSnapshot(), m => m.Tags["rpc.method"] as string == ClarifyRpcMethods.SelectItems);
        Assert.DoesNotContain(metrics.RateLimiterWaits.GetMeasurementSnapshot(), m => m.Tags["rpc.method"] as string == ClarifyRpcMethods.SelectItems);
    }

    [Fact]
    public async Task A_failed_call_records_its_outcome_and_a_401_replay_is_counted()
    {
        using IHost host = await TestHosts.StartAsync(services => services.WithoutRateLimits().AddClarify(_clarify.Options()));
        using var metrics = new HostMetrics(host);
        using var parent = new Activity("test").Start();
        _clarify.ScriptRpcStatuses(401, 500);

        await Assert.ThrowsAsync<ClarifyHttpException>(() => host.Services.GetRequiredService<ClarifyClient>().SelectSignalsAsync().Within());

        Activity call = Assert.Single(_activities, a => a.TraceId == parent.TraceId && a.OperationName == ClarifyRpcMethods.SelectSignals);
        Assert.Equal("http_error", call.GetTagItem("outcome"));
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Contains(metrics.Durations.GetMeasurementSnapshot(), m =>
            m.Tags["rpc.method"] as string == ClarifyRpcMethods.SelectSignals && m.Tags["outcome"] as string == "http_error");
        Assert.Equal(1, metrics.Replays.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(2, _activities.Count(a => a.TraceId == parent.TraceId && a.OperationName == "clarify.token.fetch"));
        AssertNoSecretInTags(metrics);
    }

    [Fact]
    public async Task Each_insert_chunk_sent_is_counted()
    {
        using IHost host = await TestHosts.StartAsync(services => services
            .Configure<ClarifyClientOptions>(o => (o.EnableRateLimiting, o.MaxRequestBytes) = (false, 1024))
            .AddClarify(_clarify.Options()));
        using var metrics = new HostMetrics(host);
        await host.Services.GetRequiredService<ClarifyClient>().InsertAsync(HourOfMinutes()).Within();

        int inserts = _clarify.ApiRequests.Count;
        Assert.True(inserts > 1, $"the frame should need several requests of at most 1024 bytes, not {inserts}");
        Assert.Equal(inserts, metrics.InsertChunks.GetMeasurementSnapshot().Sum(m => m.Value));
        AssertNoSecretInTags(metrics);
    }

    [Fact]
    public async Task Each_host_measures_on_its_own_meter_and_sees_no_other_hosts_calls()
    {
        using var otherClarify = new FakeClarify();
        using IHost busy = await TestHosts.StartAsync(services => services.WithoutRateLimits().AddClarify(_clarify.Options()));
        using IHost quiet = await TestHosts.StartAsync(services => services.WithoutRateLimits().AddClarify(otherClarify.Options()));
        using var busyMetrics = new HostMetrics(busy);
        using var quietMetrics = new HostMetrics(quiet);
        ClarifyClient busyClient = busy.Services.GetRequiredService<ClarifyClient>();

        await Task.WhenAll(
            busyClient.SelectItemsAsync().Within(),
            busyClient.SelectItemsAsync().Within(),
            busyClient.SelectItemsAsync().Within(),
            quiet.Services.GetRequiredService<ClarifyClient>().SelectSignalsAsync().Within());

        Assert.Equal(
            [ClarifyRpcMethods.SelectItems, ClarifyRpcMethods.SelectItems, ClarifyRpcMethods.SelectItems],
            busyMetrics.Durations.GetMeasurementSnapshot().Select(m => m.Tags["rpc.method"] as string));
        Assert.Equal([ClarifyRpcMethods.SelectSignals], quietMetrics.Durations.GetMeasurementSnapshot().Select(m => m.Tags["rpc.method"] as string));
        Assert.Equal(1, busyMetrics.TokenFetches.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(1, quietMetrics.TokenFetches.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(3, _clarify.RpcRequests.Count);
        Assert.Single(otherClarify.RpcRequests);
    }

    [Fact]
    public async Task A_client_made_without_DI_measures_on_the_process_wide_meter()
    {
        // The unscoped meter is shared with every other test that builds clients by hand, so only
        // a lower bound is certain; it is zero if the standalone client records nowhere.
        using var insertChunks = new MetricCollector<long>(null, ClarifyTelemetry.Name, ClarifyTelemetry.InsertChunksInstrument);
        using ClarifyClient client = ClarifyClient.Create(_clarify.Options(), new ClarifyClientOptions { EnableRateLimiting = false, MaxRequestBytes = 1024 });
        await client.InsertAsync(HourOfMinutes()).Within();

        int inserts = _clarify.RpcRequests.Count;
        Assert.True(inserts > 1, $"the frame should need several requests of at most 1024 bytes, not {inserts}");
        Assert.True(insertChunks.GetMeasurementSnapshot().Sum(m => m.Value) >= inserts);
    }

    /// <summary>60 rows: several requests of at most 1024 bytes.</summary>
    private static DataFrame HourOfMinutes()
    {
        var frame = new DataFrameBuilder();
        for (int row = 0; row < 60; row++)
        {
            frame.AddRow(new DateTimeOffset(2026, 1, 1, 0, row, 0, TimeSpan.Zero), "temperature", row);
        }

        return frame.Build();
    }

    private void AssertNoSecretInTags(HostMetrics metrics)
    {
        IEnumerable<string> values = _activities.SelectMany(a => a.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(a.DisplayName).Append(a.StatusDescription ?? string.Empty))
            .Concat(metrics.Durations.GetMeasurementSnapshot().SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")))
            .Concat(metrics.TokenFetches.GetMeasurementSnapshot().SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")))
            .Concat(metrics.Replays.GetMeasurementSnapshot().SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")))
            .Concat(metrics.RateLimiterWaits.GetMeasurementSnapshot().SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")))
            .ToList();
        Assert.NotEmpty(values);
        string[] secrets = [TestCredentials.ClientSecret, .. _clarify.IssuedTokens];
        Assert.All(values, value => Assert.DoesNotContain(secrets, s => value.Contains(s, StringComparison.Ordinal)));
    }
}
