using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// The default <see cref="IClarifyWriterStore"/>: pending points in memory, bounded by a number of
/// points. Fast and allocation-light, but what is pending is lost with the process; use a durable
/// store when points must survive a restart.
/// </summary>
public sealed class ClarifyMemoryWriterStore : IClarifyWriterStore
{
    /// <summary>The most points one batch holds, so one read never has to exceed a writer's batch size by much.</summary>
    internal const int MaxBatchPoints = 8192;

    private readonly object _gate = new();
    private readonly LinkedList<Batch> _pending = new();
    private readonly List<ClarifyDeadLetter> _deadLetters = [];
    private readonly TimeProvider _time;
    private TaskCompletionSource _room = NewRoomSignal();
    private long _pendingPoints;
    private long _lastBatchId;

    /// <summary>Creates an empty store.</summary>
    /// <param name="maxPendingPoints">The bound: appends beyond it wait or throw. One append larger than the bound is taken when the store is empty, so it can never wait forever.</param>
    /// <param name="fullMode">What an append does at the bound.</param>
    /// <param name="timeProvider">The clock of <see cref="OldestPendingTime"/>; <see cref="TimeProvider.System"/> when null.</param>
    public ClarifyMemoryWriterStore(long maxPendingPoints, ClarifyWriterFullMode fullMode = ClarifyWriterFullMode.Wait, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingPoints, 1);
        MaxPendingPoints = maxPendingPoints;
        FullMode = fullMode;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The bound in points.</summary>
    public long MaxPendingPoints { get; }

    /// <summary>What an append does at the bound.</summary>
    public ClarifyWriterFullMode FullMode { get; }

    /// <inheritdoc/>
    public long PendingPoints => Interlocked.Read(ref _pendingPoints);

    /// <inheritdoc/>
    public DateTimeOffset? OldestPendingTime
    {
        get
        {
            lock (_gate)
            {
                return _pending.First?.Value.AppendedAt;
            }
        }
    }

    /// <inheritdoc/>
    public long LastBatchId => Interlocked.Read(ref _lastBatchId);

    /// <inheritdoc/>
    public ValueTask AppendAsync(ReadOnlyMemory<WritePoint> points, CancellationToken cancellationToken)
    {
        if (points.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        Task? room = TryAppend(points.Span);
        return room is null ? ValueTask.CompletedTask : new ValueTask(AppendWhenRoomAsync(points, room, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask AppendAsync(WritePoint point, CancellationToken cancellationToken)
    {
        Task? room = TryAppend(new ReadOnlySpan<WritePoint>(in point));
        return room is null ? ValueTask.CompletedTask : new ValueTask(AppendWhenRoomAsync(new[] { point }, room, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ClarifyWriterBatch>> ReadPendingAsync(int maxPoints, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        var read = new List<ClarifyWriterBatch>();
        lock (_gate)
        {
            int points = 0;
            foreach (Batch batch in _pending)
            {
                if (read.Count > 0 && points + batch.Points.Count > maxPoints)
                {
                    break;
                }

                batch.Sealed = true;
                points += batch.Points.Count;
                read.Add(new ClarifyWriterBatch(batch.Id, batch.AppendedAt, batch.Points));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<ClarifyWriterBatch>>(read);
    }

    /// <inheritdoc/>
    public ValueTask AcknowledgeAsync(IReadOnlyList<ClarifyWriterBatch> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var ids = batches.Select(b => b.Id).ToHashSet();
        TaskCompletionSource room;
        lock (_gate)
        {
            for (LinkedListNode<Batch>? node = _pending.First; node is not null;)
            {
                LinkedListNode<Batch>? next = node.Next;
                if (ids.Contains(node.Value.Id))
                {
                    _pending.Remove(node);
                    Interlocked.Add(ref _pendingPoints, -node.Value.Points.Count);
                }

                node = next;
            }

            room = _room;
            _room = NewRoomSignal();
        }

        room.TrySetResult();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DeadLetterAsync(ClarifyDeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        lock (_gate)
        {
            _deadLetters.Add(deadLetter);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ClarifyDeadLetter>> ReadDeadLettersAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<ClarifyDeadLetter>>(_deadLetters.ToArray());
        }
    }

    private static TaskCompletionSource NewRoomSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AppendWhenRoomAsync(ReadOnlyMemory<WritePoint> points, Task room, CancellationToken cancellationToken)
    {
        while (true)
        {
            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (TryAppend(points.Span) is not Task next)
            {
                return;
            }

            room = next;
        }
    }

    /// <summary>Appends all the points, or none and returns the signal to wait for room on (or throws in <see cref="ClarifyWriterFullMode.Throw"/>).</summary>
    private Task? TryAppend(ReadOnlySpan<WritePoint> points)
    {
        lock (_gate)
        {
            long pending = _pendingPoints;
            if (pending > 0 && pending + points.Length > MaxPendingPoints)
            {
                return FullMode == ClarifyWriterFullMode.Wait
                    ? _room.Task
                    : throw new ClarifyWriterFullException(pending, MaxPendingPoints, points.Length);
            }

            DateTimeOffset now = _time.GetUtcNow();
            foreach (WritePoint point in points)
            {
                Batch? tail = _pending.Last?.Value;
                if (tail is null || tail.Sealed || tail.Points.Count >= MaxBatchPoints)
                {
                    tail = new Batch(++_lastBatchId, now);
                    _pending.AddLast(tail);
                }

                tail.Points.Add(point);
            }

            Interlocked.Add(ref _pendingPoints, points.Length);
            return null;
        }
    }

    private sealed class Batch(long id, DateTimeOffset appendedAt)
    {
        public long Id { get; } = id;

        public DateTimeOffset AppendedAt { get; } = appendedAt;

        public List<WritePoint> Points { get; } = [];

        /// <summary>Read by the consumer: appends go to a newer batch, so what is sent is what is acknowledged.</summary>
        public bool Sealed { get; set; }
    }
}
