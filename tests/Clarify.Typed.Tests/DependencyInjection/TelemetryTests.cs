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
/// The meter and activity source are static: these tests run alone, after the parallel ones,
/// so what the listeners record comes from them.
/// </summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection
{
}

[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests : IDisposable
{
    private readonly FakeClarify _clarify = new();
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ActivityListener _listener;
    private readonly MetricCollector<double> _durations = new(null, ClarifyTelemetry.Name, ClarifyTelemetry.RpcDurationInstrument);
    private readonly MetricCollector<long> _tokenFetches = new(null, ClarifyTelemetry.Name, ClarifyTelemetry.TokenFetchesInstrument);
    private readonly MetricCollector<long> _replays = new(null, ClarifyTelemetry.Name, ClarifyTelemetry.UnauthorizedReplaysInstrument);
    private readonly MetricCollector<double> _rateLimiterWaits = new(null, ClarifyTelemetry.Name, ClarifyTelemetry.RateLimiterWaitInstrument);
    private readonly MetricCollector<long> _insertChunks = new(null, ClarifyTelemetry.Name, ClarifyTelemetry.InsertChunksInstrument);

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
        _durations.Dispose();
        _tokenFetches.Dispose();
        _replays.Dispose();
        _rateLimiterWaits.Dispose();
        _insertChunks.Dispose();
        _clarify.Dispose();
    }

    [Fact]
    public async Task A_call_records_its_activity_duration_token_fetch_and_rate_limiter_wait()
    {
        using IHost host = await TestHosts.StartAsync(services => services.AddClarify(_clarify.Options()));
        using var parent = new Activity("test").Start();

        await host.Services.GetRequiredService<ClarifyClient>().SelectItemsAsync().Within();

        Activity call = Assert.Single(_activities, a => a.TraceId == parent.TraceId && a.OperationName == ClarifyRpcMethods.SelectItems);
        Assert.Equal(ActivityKind.Client, call.Kind);
        Assert.Equal(parent.SpanId, call.ParentSpanId);
        Assert.Equal("jsonrpc", call.GetTagItem("rpc.system"));
        Assert.Equal(ClarifyRpcMethods.SelectItems, call.GetTagItem("rpc.method"));
        Assert.Equal("success", call.GetTagItem("outcome"));
        Assert.Single(_activities, a => a.TraceId == parent.TraceId && a.OperationName == "clarify.token.fetch");

        Assert.Contains(_durations.GetMeasurementSnapshot(), m =>
            m.Tags["rpc.method"] as string == ClarifyRpcMethods.SelectItems && m.Tags["outcome"] as string == "success" && m.Value >= 0);
        Assert.Contains(_tokenFetches.GetMeasurementSnapshot(), m => m.Tags["outcome"] as string == "success" && m.Value == 1);
        Assert.Contains(_rateLimiterWaits.GetMeasurementSnapshot(), m => m.Tags["rpc.method"] as string == ClarifyRpcMethods.SelectItems);
        AssertNoSecretInTags();
    }

    [Fact]
    public async Task A_failed_call_records_its_outcome_and_a_401_replay_is_counted()
    {
        using IHost host = await TestHosts.StartAsync(services => services.WithoutRateLimits().AddClarify(_clarify.Options()));
        using var parent = new Activity("test").Start();
        _clarify.ScriptRpcStatuses(401, 500);

        await Assert.ThrowsAsync<ClarifyHttpException>(() => host.Services.GetRequiredService<ClarifyClient>().SelectSignalsAsync().Within());

        Activity call = Assert.Single(_activities, a => a.TraceId == parent.TraceId && a.OperationName == ClarifyRpcMethods.SelectSignals);
        Assert.Equal("http_error", call.GetTagItem("outcome"));
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Contains(_durations.GetMeasurementSnapshot(), m =>
            m.Tags["rpc.method"] as string == ClarifyRpcMethods.SelectSignals && m.Tags["outcome"] as string == "http_error");
        Assert.True(_replays.GetMeasurementSnapshot().Sum(m => m.Value) >= 1);
        Assert.Equal(2, _activities.Count(a => a.TraceId == parent.TraceId && a.OperationName == "clarify.token.fetch"));
        AssertNoSecretInTags();
    }

    [Fact]
    public async Task Each_insert_chunk_sent_is_counted()
    {
        using IHost host = await TestHosts.StartAsync(services => services
            .Configure<ClarifyClientOptions>(o => (o.EnableRateLimiting, o.MaxRequestBytes) = (false, 1024))
            .AddClarify(_clarify.Options()));
        var frame = new DataFrameBuilder();
        for (int row = 0; row < 60; row++)
        {
            frame.AddRow(new DateTimeOffset(2026, 1, 1, 0, row, 0, TimeSpan.Zero), "temperature", row);
        }

        await host.Services.GetRequiredService<ClarifyClient>().InsertAsync(frame.Build()).Within();

        int inserts = _clarify.ApiRequests.Count;
        Assert.True(inserts > 1, $"the frame should need several requests of at most 1024 bytes, not {inserts}");
        Assert.Equal(inserts, _insertChunks.GetMeasurementSnapshot().Sum(m => m.Value));
        AssertNoSecretInTags();
    }

    private void AssertNoSecretInTags()
    {
        IEnumerable<string> values = _activities.SelectMany(a => a.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(a.DisplayName).Append(a.StatusDescription ?? string.Empty))
            .Concat(_durations.GetMeasurementSnapshot().SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")))
            .Concat(_tokenFetches.GetMeasurementSnapshot().SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")))
            .Concat(_replays.GetMeasurementSnapshot().SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")))
            .Concat(_rateLimiterWaits.GetMeasurementSnapshot().SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")))
            .ToList();
        Assert.NotEmpty(values);
        string[] secrets = [TestCredentials.ClientSecret, .. _clarify.IssuedTokens];
        Assert.All(values, value => Assert.DoesNotContain(secrets, s => value.Contains(s, StringComparison.Ordinal)));
    }
}
