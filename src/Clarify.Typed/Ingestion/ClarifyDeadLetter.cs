using System;
using System.Collections.Generic;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// Points Clarify refused for their content (e.g. an input key it rejects), kept aside with the
/// server's error instead of being retried or dropped. The rest of their batch went on.
/// </summary>
public sealed class ClarifyDeadLetter
{
    /// <summary>Creates a dead letter.</summary>
    /// <param name="points">The refused points.</param>
    /// <param name="error">Clarify's answer.</param>
    /// <param name="at">When the points were set aside.</param>
    public ClarifyDeadLetter(IReadOnlyList<WritePoint> points, ClarifyException error, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(error);
        Points = points;
        Error = error;
        At = at;
    }

    /// <summary>The refused points.</summary>
    public IReadOnlyList<WritePoint> Points { get; }

    /// <summary>Clarify's answer, usually a <see cref="ClarifyRpcException"/> naming the bad parameter.</summary>
    public ClarifyException Error { get; }

    /// <summary>When the points were set aside.</summary>
    public DateTimeOffset At { get; }
}

/// <summary>The argument of <see cref="ClarifyWriter.DeadLettered"/>.</summary>
public sealed class ClarifyDeadLetterEventArgs : EventArgs
{
    /// <summary>Creates the event argument.</summary>
    public ClarifyDeadLetterEventArgs(ClarifyDeadLetter deadLetter) => DeadLetter = deadLetter;

    /// <summary>The points set aside and why.</summary>
    public ClarifyDeadLetter DeadLetter { get; }
}
