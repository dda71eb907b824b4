using System;
using System.Collections.Generic;

namespace Clarify.Typed.Ingestion;

/// <summary>A run of appended points a <see cref="IClarifyWriterStore"/> keeps, sends and acknowledges as one.</summary>
public sealed class ClarifyWriterBatch
{
    /// <summary>Creates a batch.</summary>
    /// <param name="id">The store's id for it; ids grow in append order.</param>
    /// <param name="appendedAt">When its first point was appended.</param>
    /// <param name="points">Its points in append order.</param>
    public ClarifyWriterBatch(long id, DateTimeOffset appendedAt, IReadOnlyList<WritePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        Id = id;
        AppendedAt = appendedAt;
        Points = points;
    }

    /// <summary>The store's id; ids grow in append order.</summary>
    public long Id { get; }

    /// <summary>When its first point was appended.</summary>
    public DateTimeOffset AppendedAt { get; }

    /// <summary>Its points in append order.</summary>
    public IReadOnlyList<WritePoint> Points { get; }
}
