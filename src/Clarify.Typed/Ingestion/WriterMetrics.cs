using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Clarify.Typed.Diagnostics;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// The writer's instruments, on the process-wide meter of <see cref="ClarifyMetrics.Shared"/> (not
/// yet the container's <c>IMeterFactory</c> meter, as the client's are) under the names in
/// <see cref="ClarifyTelemetry"/>. The gauges observe every live writer's store, so a process with
/// several writers reports their sum (pending) and maximum (oldest age).
/// </summary>
internal static class WriterMetrics
{
    private static readonly object Gate = new();
    private static readonly List<ClarifyWriter> Live = [];

    public static readonly Counter<long> Written =
        ClarifyMetrics.Shared.Meter.CreateCounter<long>(ClarifyTelemetry.WriterPointsWrittenInstrument, "{point}", "Points a Clarify writer stored for sending.");

    public static readonly Counter<long> Acknowledged =
        ClarifyMetrics.Shared.Meter.CreateCounter<long>(ClarifyTelemetry.WriterPointsAcknowledgedInstrument, "{point}", "Points Clarify acknowledged.");

    public static readonly Counter<long> Retries =
        ClarifyMetrics.Shared.Meter.CreateCounter<long>(ClarifyTelemetry.WriterRetriesInstrument, "{request}", "Failed inserts a Clarify writer retries.");

    public static readonly Counter<long> DeadLettered =
        ClarifyMetrics.Shared.Meter.CreateCounter<long>(ClarifyTelemetry.WriterDeadLetteredInstrument, "{point}", "Points Clarify refused for their content, set aside.");

    public static readonly ObservableGauge<long> Pending =
        ClarifyMetrics.Shared.Meter.CreateObservableGauge(ClarifyTelemetry.WriterPointsPendingInstrument, ObservePending, "{point}", "Points stored and not yet acknowledged.");

    public static readonly ObservableGauge<double> OldestPendingAge =
        ClarifyMetrics.Shared.Meter.CreateObservableGauge(ClarifyTelemetry.WriterOldestPendingAgeInstrument, ObserveOldestAge, "s", "Age of the oldest point not yet acknowledged.");

    public static void Track(ClarifyWriter writer)
    {
        lock (Gate)
        {
            Live.Add(writer);
        }
    }

    public static void Untrack(ClarifyWriter writer)
    {
        lock (Gate)
        {
            Live.Remove(writer);
        }
    }

    private static long ObservePending()
    {
        lock (Gate)
        {
            long sum = 0;
            foreach (ClarifyWriter writer in Live)
            {
                sum += writer.PendingPoints;
            }

            return sum;
        }
    }

    private static double ObserveOldestAge()
    {
        lock (Gate)
        {
            TimeSpan oldest = TimeSpan.Zero;
            foreach (ClarifyWriter writer in Live)
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
