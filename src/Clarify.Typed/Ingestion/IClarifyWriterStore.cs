using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// Where a <see cref="ClarifyWriter"/> keeps points until Clarify acknowledges them: a queue of
/// batches in the order they were appended. The writer has one consumer, which reads the oldest
/// pending batches, sends them, and then acknowledges them (after moving any point Clarify refused
/// to the dead letters); a batch stays pending, and is read again, until it is acknowledged, so a
/// durable store resends after a restart whatever was not acknowledged. Appends may come from any
/// number of threads at once.
/// </summary>
public interface IClarifyWriterStore
{
    /// <summary>Points appended and not yet acknowledged (including those being sent).</summary>
    long PendingPoints { get; }

    /// <summary>When the oldest pending batch was appended, or null when nothing is pending.</summary>
    DateTimeOffset? OldestPendingTime { get; }

    /// <summary>
    /// The id of the newest batch any append has completed into (0 when none): a flush waits until
    /// every batch up to this id is acknowledged. Ids only grow.
    /// </summary>
    long LastBatchId { get; }

    /// <summary>
    /// Appends points. Completes once they are stored as the store promises (in memory, or committed
    /// to disk); completes synchronously whenever it can. When the store is full it waits for room
    /// or throws <see cref="ClarifyWriterFullException"/>, as the store was configured; it never
    /// drops a point.
    /// </summary>
    /// <param name="points">The points, in order; the store copies them.</param>
    /// <param name="cancellationToken">Cancels a wait for room (nothing is stored then).</param>
    ValueTask AppendAsync(ReadOnlyMemory<WritePoint> points, CancellationToken cancellationToken);

    /// <summary>
    /// Appends one point, as <see cref="AppendAsync(ReadOnlyMemory{WritePoint}, CancellationToken)"/>
    /// does, without the caller allocating an array for it. Stores override this to keep
    /// single-point writes free of allocations; the default wraps the point in an array. Await the
    /// returned <see cref="ValueTask"/> once (a store may reuse what backs it afterwards).
    /// </summary>
    /// <param name="point">The point; the store copies it.</param>
    /// <param name="cancellationToken">Cancels a wait for room (nothing is stored then).</param>
    ValueTask AppendAsync(WritePoint point, CancellationToken cancellationToken) => AppendAsync(new[] { point }, cancellationToken);

    /// <summary>
    /// The oldest pending batches, in order, with at most <paramref name="maxPoints"/> points in
    /// all (but always at least one batch when any is pending); empty when nothing is pending.
    /// Batches read are sealed: later appends go into newer batches.
    /// </summary>
    ValueTask<IReadOnlyList<ClarifyWriterBatch>> ReadPendingAsync(int maxPoints, CancellationToken cancellationToken);

    /// <summary>Removes the batches (Clarify acknowledged their points, or they were dead-lettered) and makes room for appends.</summary>
    ValueTask AcknowledgeAsync(IReadOnlyList<ClarifyWriterBatch> batches, CancellationToken cancellationToken);

    /// <summary>Keeps points Clarify refused for their content, with its error, before their batches are acknowledged.</summary>
    ValueTask DeadLetterAsync(ClarifyDeadLetter deadLetter, CancellationToken cancellationToken);

    /// <summary>Every dead letter kept so far, oldest first.</summary>
    ValueTask<IReadOnlyList<ClarifyDeadLetter>> ReadDeadLettersAsync(CancellationToken cancellationToken);
}
