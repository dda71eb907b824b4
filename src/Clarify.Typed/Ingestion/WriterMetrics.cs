using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Clarify.Typed.Diagnostics;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// The writer's instruments on one meter (see <see cref="ClarifyMetrics.Writers"/>): the container's
/// with dependency injection, the process-wide one without, under the names in
/// <see cref="ClarifyTelemetry"/>. The gauges observe every live writer on that meter, so a container
/// (or process) with several writers reports their sum (pending) and maximum (oldest age).
/// </summary>
internal sealed class WriterMetrics
{
    private readonly object _gate = new();
    private readonly List<ClarifyWriter> _live = [];
    private readonly Counter<long> _written;
    private readonly Counter<long> _acknowledged;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _deadLettered;

    public WriterMetrics(Meter meter)
    {
        _written = meter.CreateCounter<long>(ClarifyTelemetry.WriterPointsWrittenInstrument, "{point}", "Points a Clarify writer stored for sending.");
        _acknowledged = meter.CreateCounter<long>(ClarifyTelemetry.WriterPointsAcknowledgedInstrument, "{point}", "Points Clarify acknowledged.");
        _retries = meter.CreateCounter<long>(ClarifyTelemetry.WriterRetriesInstrument, "{request}", "Failed inserts a Clarify writer retries.");
        _deadLettered = meter.CreateCounter<long>(ClarifyTelemetry.WriterDeadLetteredInstrument, "{point}", "Points Clarify refused for their content, set aside.");
        meter.CreateObservableGauge(ClarifyTelemetry.WriterPointsPendingInstrument, ObservePending, "{point}", "Points stored and not yet acknowledged.");
        meter.CreateObservableGauge(ClarifyTelemetry.WriterOldestPendingAgeInstrument, ObserveOldestAge, "s", "Age of the oldest point not yet acknowledged.");
    }

    public void Written(int points) => _written.Add(points);

    public void Acknowledged(int points) => _acknowledged.Add(points);

    public void Retried(string outcome) => _retries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void DeadLettered(int points) => _deadLettered.Add(points);

    public void Track(ClarifyWriter writer)
    {
        lock (_gate)
        {
            _live.Add(writer);
        }
    }

    public void Untrack(ClarifyWriter writer)
    {
        lock (_gate)
        {
            _live.Remove(writer);
        }
    }

    private long ObservePending()
    {
        lock (_gate)
        {
            long sum = 0;
            foreach (ClarifyWriter writer in _live)
            {
                sum += writer.PendingPoints;
            }

            return sum;
        }
    }

    private double ObserveOldestAge()
    {
        lock (_gate)
        {
            TimeSpan oldest = TimeSpan.Zero;
            foreach (ClarifyWriter writer in _live)
            {
                if (writer.OldestPendingAge is TimeSpan age && age > oldest)
                {
                    oldest = age;
                }
            }

            return oldest.TotalSeconds;
        }
    }
}
