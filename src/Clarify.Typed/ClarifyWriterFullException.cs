using System.Globalization;

namespace Clarify.Typed;

/// <summary>
/// A <see cref="Ingestion.ClarifyWriter"/> write found its store full with
/// <see cref="Ingestion.ClarifyWriterFullMode.Throw"/>: none of the write's points were stored.
/// </summary>
public sealed class ClarifyWriterFullException : ClarifyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pendingPoints">The points waiting in the store.</param>
    /// <param name="maxPendingPoints">The store's bound.</param>
    /// <param name="writtenPoints">The points of the refused write.</param>
    public ClarifyWriterFullException(long pendingPoints, long maxPendingPoints, int writtenPoints)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"The Clarify writer's store holds {pendingPoints} of at most {maxPendingPoints} points, so the write of {writtenPoints} point(s) was refused and none of them stored. Clarify is slower than the producers or unreachable (see ClarifyWriter.Status and LastError): retry later, raise ClarifyWriterOptions.MaxPendingPoints, or use ClarifyWriterFullMode.Wait for back-pressure."))
    {
        PendingPoints = pendingPoints;
        MaxPendingPoints = maxPendingPoints;
    }

    /// <summary>The points waiting in the store when the write was refused.</summary>
    public long PendingPoints { get; }

    /// <summary>The store's bound.</summary>
    public long MaxPendingPoints { get; }
}
