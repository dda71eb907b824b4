using System;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// The bound every writer store keeps on its pending points, and the counters it reports: an
/// append reserves room for its points, or waits for room, or throws in
/// <see cref="ClarifyWriterFullMode.Throw"/>; one append larger than the bound is taken when
/// nothing is reserved, so it can never wait forever. Acknowledged (or failed) points are released
/// and wake the appends waiting for room, which then try again.
/// </summary>
/// <remarks>
/// <see cref="TryReserve"/>, <see cref="Release"/> and <see cref="WakeWaiters"/> are not
/// synchronised: the store calls them under the lock that guards its pending batches, so that
/// reserving room and storing the points can be one step. The counters are read without it.
/// Reserved points include what a store has taken but not yet stored (a durable store's appends
/// waiting for their commit); pending points are only those stored.
/// </remarks>
internal sealed class PendingBound
{
    private TaskCompletionSource _room = NewRoomSignal();
    private long _reservedPoints;
    private long _pendingPoints;
    private long _lastBatchId;

    /// <param name="maxPoints">The bound in points (at least 1).</param>
    /// <param name="fullMode">What an append does at the bound.</param>
    public PendingBound(long maxPoints, ClarifyWriterFullMode fullMode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        MaxPoints = maxPoints;
        FullMode = fullMode;
    }

    public long MaxPoints { get; }

    public ClarifyWriterFullMode FullMode { get; }

    /// <summary>Stored points not yet acknowledged (see <see cref="IClarifyWriterStore.PendingPoints"/>).</summary>
    public long PendingPoints => Interlocked.Read(ref _pendingPoints);

    /// <summary>See <see cref="IClarifyWriterStore.LastBatchId"/>.</summary>
    public long LastBatchId => Interlocked.Read(ref _lastBatchId);

    /// <summary>
    /// Reserves room for <paramref name="points"/>; null when it did, else the signal to wait on
    /// before trying again (see <see cref="WhenRoomAsync"/>). Throws instead of waiting in
    /// <see cref="ClarifyWriterFullMode.Throw"/>. The caller holds the store's lock.
    /// </summary>
    /// <exception cref="ClarifyWriterFullException">The store is full and <see cref="FullMode"/> is <see cref="ClarifyWriterFullMode.Throw"/>.</exception>
    public Task? TryReserve(int points)
    {
        long reserved = _reservedPoints;
        if (reserved > 0 && reserved + points > MaxPoints)
        {
            return FullMode == ClarifyWriterFullMode.Wait
                ? _room.Task
                : throw new ClarifyWriterFullException(reserved, MaxPoints, points);
        }

        _reservedPoints += points;
        return null;
    }

    /// <summary>Gives back reserved room (points acknowledged, or never stored) and wakes the appends waiting for it. The caller holds the store's lock.</summary>
    public void Release(long points)
    {
        _reservedPoints -= points;
        WakeWaiters();
    }

    /// <summary>Wakes the appends waiting for room, so they try again (and find the store disposed, say). The caller holds the store's lock.</summary>
    public void WakeWaiters()
    {
        TaskCompletionSource room = _room;
        _room = NewRoomSignal();
        room.TrySetResult();
    }

    /// <summary>Counts points as stored (reserved before).</summary>
    public void AddPending(long points) => Interlocked.Add(ref _pendingPoints, points);

    /// <summary>Counts points as acknowledged; their room is given back with <see cref="Release"/>.</summary>
    public void RemovePending(long points) => Interlocked.Add(ref _pendingPoints, -points);

    /// <summary>Takes what a durable store holds from before as pending and reserved (before any append), and its newest batch id.</summary>
    public void Restore(long points, long lastBatchId)
    {
        _reservedPoints += points;
        AddPending(points);
        CompletedThrough(lastBatchId);
    }

    /// <summary>The id of a new batch, for a store whose append completes into the batch as it starts it (under the store's lock).</summary>
    public long StartBatch() => Interlocked.Increment(ref _lastBatchId);

    /// <summary>Appends have completed into every batch up to <paramref name="batchId"/> (ids only grow).</summary>
    public void CompletedThrough(long batchId) => Interlocked.Exchange(ref _lastBatchId, batchId);

    /// <summary>
    /// Waits for room and calls <paramref name="tryAgain"/> (which takes the store's lock and
    /// returns <see cref="TryReserve"/>'s answer) until room is reserved. Cancelling the token
    /// ends a wait; nothing is reserved then.
    /// </summary>
    /// <param name="room">The signal <see cref="TryReserve"/> returned.</param>
    /// <param name="tryAgain">Reserves (and stores) again; may throw, which ends the wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task WhenRoomAsync(Task room, Func<Task?> tryAgain, CancellationToken cancellationToken)
    {
        while (true)
        {
            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (tryAgain() is not Task next)
            {
                return;
            }

            room = next;
        }
    }

    /// <summary>Asynchronous continuations: a release (under the store's lock) never runs a waiting append inline.</summary>
    private static TaskCompletionSource NewRoomSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
