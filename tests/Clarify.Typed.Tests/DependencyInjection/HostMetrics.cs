using System;
using System.Diagnostics.Metrics;
using Clarify.Typed.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;

namespace Clarify.Typed.Tests.DependencyInjection;

/// <summary>
/// Collectors of every Clarify instrument on one host's meter: bound to its <see cref="IMeterFactory"/>
/// (the meter's scope), they see that host's measurements and no other host's.
/// </summary>
internal sealed class HostMetrics : IDisposable
{
    public HostMetrics(IHost host)
    {
        IMeterFactory meters = host.Services.GetRequiredService<IMeterFactory>();
        Durations = new(meters, ClarifyTelemetry.Name, ClarifyTelemetry.RpcDurationInstrument);
        TokenFetches = new(meters, ClarifyTelemetry.Name, ClarifyTelemetry.TokenFetchesInstrument);
        Replays = new(meters, ClarifyTelemetry.Name, ClarifyTelemetry.UnauthorizedReplaysInstrument);
        RateLimiterWaits = new(meters, ClarifyTelemetry.Name, ClarifyTelemetry.RateLimiterWaitInstrument);
        InsertChunks = new(meters, ClarifyTelemetry.Name, ClarifyTelemetry.InsertChunksInstrument);
    }

    public MetricCollector<double> Durations { get; }

    public MetricCollector<long> TokenFetches { get; }

    public MetricCollector<long> Replays { get; }

    public MetricCollector<double> RateLimiterWaits { get; }

    public MetricCollector<long> InsertChunks { get; }

    public void Dispose()
    {
        Durations.Dispose();
        TokenFetches.Dispose();
        Replays.Dispose();
        RateLimiterWaits.Dispose();
        InsertChunks.Dispose();
    }
}
