using System;

namespace Clarify.Typed.Ingestion;

/// <summary>When <see cref="ClarifyWriterHealthCheck"/> reports a writer as degraded.</summary>
public sealed class ClarifyWriterHealthCheckOptions
{
    /// <summary>
    /// Degraded when the oldest pending point has waited longer than this: Clarify has not taken
    /// the writer's points for a while (an outage, or more points than one insert a second carries).
    /// Default 2 minutes.
    /// </summary>
    public TimeSpan MaxPendingAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Degraded once the writer has dead-lettered any point since it started, until the process
    /// restarts: points Clarify refused need a person to look at them (see
    /// <see cref="IClarifyWriterStore.ReadDeadLettersAsync"/>). Default true.
    /// </summary>
    public bool DegradedOnDeadLetters { get; set; } = true;

    internal void Validate()
    {
        if (MaxPendingAge <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPendingAge), MaxPendingAge, "MaxPendingAge must be positive.");
        }
    }
}
