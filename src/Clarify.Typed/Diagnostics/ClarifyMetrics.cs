using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Clarify.Typed.Ingestion;

namespace Clarify.Typed.Diagnostics;

/// <summary>
/// The instruments of <see cref="ClarifyTelemetry.Name"/> and the tags each one carries. With
/// dependency injection there is one per container, on a meter from its <see cref="IMeterFactory"/>,
/// so a listener bound to that factory sees that container's measurements only (as Duende's
/// <c>AccessTokenManagementMetrics</c> does); without it, <see cref="Shared"/>.
/// </summary>
internal sealed class ClarifyMetrics
{
    private readonly Histogram<double> _rpcDuration;
    private readonly Counter<long> _tokenFetches;
    private readonly Counter<long> _unauthorizedReplays;
    private readonly Counter<long> _insertChunks;
    private readonly Histogram<double> _rateLimiterWait;

    /// <summary>Instruments on the container's meter; the factory owns (and disposes) it.</summary>
    public ClarifyMetrics(IMeterFactory meterFactory)
        : this(meterFactory.Create(new MeterOptions(ClarifyTelemetry.Name) { Version = ClarifyTelemetry.Version }))
    {
    }

    private ClarifyMetrics(Meter meter)
    {
        Writers = new WriterMetrics(meter);
        _rpcDuration = meter.CreateHistogram<double>(ClarifyTelemetry.RpcDurationInstrument, "s", "Duration of Clarify JSON-RPC calls.");
        _tokenFetches = meter.CreateCounter<long>(ClarifyTelemetry.TokenFetchesInstrument, "{request}", "Requests sent to Clarify's token endpoint.");
        _unauthorizedReplays = meter.CreateCounter<long>(ClarifyTelemetry.UnauthorizedReplaysInstrument, "{request}", "Requests replayed after a 401 with a fresh token.");
        _insertChunks = meter.CreateCounter<long>(ClarifyTelemetry.InsertChunksInstrument, "{request}", "integration.insert requests sent, one per chunk.");
        _rateLimiterWait = meter.CreateHistogram<double>(ClarifyTelemetry.RateLimiterWaitInstrument, "s", "Time spent waiting for the client-side rate limiter.");
    }

    /// <summary>
    /// For what is built without dependency injection (<see cref="ClarifyClient.Create"/>, the public
    /// constructors), where no <see cref="IMeterFactory"/> exists: one process-wide meter.
    /// </summary>
    public static ClarifyMetrics Shared { get; } = new(new Meter(ClarifyTelemetry.Name, ClarifyTelemetry.Version));

    /// <summary>The instruments of the writers over this meter's clients.</summary>
    public WriterMetrics Writers { get; }

    /// <summary>
    /// The start of a call for <see cref="RpcCompleted"/>: a timestamp while someone listens to call
    /// durations, else 0 (reading the clock is ~30 ns of a call that costs a few hundred).
    /// </summary>
    public long RpcStarting() => _rpcDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Records a call that started at <paramref name="startedTimestamp"/> (<see cref="RpcStarting"/>); nothing is computed while no listener is enabled, or for a call that started before one was.</summary>
    public void RpcCompleted(string method, string outcome, long startedTimestamp)
    {
        if (startedTimestamp != 0 && _rpcDuration.Enabled)
        {
            _rpcDuration.Record(
                Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds,
                new KeyValuePair<string, object?>("rpc.method", method),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <summary>Records a rate-limiter wait that started at <paramref name="startedTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>); nothing is computed while no listener is enabled.</summary>
    public void RateLimiterWaited(string method, long startedTimestamp)
    {
        if (_rateLimiterWait.Enabled)
        {
            _rateLimiterWait.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("rpc.method", method));
        }
    }

    public void TokenFetched(bool succeeded) =>
        _tokenFetches.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    public void UnauthorizedReplayed() => _unauthorizedReplays.Add(1);

    public void InsertChunkSent() => _insertChunks.Add(1);
}
