using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// The default <see cref="IClarifyWriterStore"/>: pending points in memory, bounded by a number of
/// points. Fast and allocation-free per point (batches are arrays it reuses once acknowledged), but
/// what is pending is lost with the process; use a durable store when points must survive a
/// restart. A batch read with <see cref="ReadPendingAsync"/> holds its points until it is
/// acknowledged; after that its array is reused, so copy what you keep.
/// </summary>
public sealed class ClarifyMemoryWriterStore : IClarifyWriterStore
{
    /// <summary>The most points one batch holds, so one read never has to exceed a writer's batch size by much.</summary>
    internal const int MaxBatchPoints = 8192;

    private readonly object _gate = new();
    private readonly LinkedList<Batch> _pending = new();
    private readonly List<ClarifyDeadLetter> _deadLetters = [];
    private readonly Stack<WritePoint[]> _spareArrays = new();
    private readonly TimeProvider _time;
    private readonly int _batchCapacity;
    private readonly int _maxSpareArrays;

    /// <summary>Guarded by <see cref="_gate"/> with the batches: points are reserved and stored in one step.</summary>
    private readonly PendingBound _bound;

    /// <summary>Creates an empty store.</summary>
    /// <param name="maxPendingPoints">The bound: appends beyond it wait or throw. One append larger than the bound is taken when the store is empty, so it can never wait forever.</param>
    /// <param name="fullMode">What an append does at the bound.</param>
    /// <param name="timeProvider">The clock of <see cref="OldestPendingTime"/>; <see cref="TimeProvider.System"/> when null.</param>
    public ClarifyMemoryWriterStore(long maxPendingPoints, ClarifyWriterFullMode fullMode = ClarifyWriterFullMode.Wait, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingPoints, 1);
        _bound = new PendingBound(maxPendingPoints, fullMode);
        _time = timeProvider ?? TimeProvider.System;
        _batchCapacity = (int)Math.Min(MaxBatchPoints, maxPendingPoints);

        // Enough spare arrays to refill the store without allocating: pending and spare together stay
        // within the bound (plus one array), so memory is flat at what a full store takes anyway.
        _maxSpareArrays = (int)Math.Min(int.MaxValue, (maxPendingPoints / _batchCapacity) + 1);
    }

    /// <summary>The bound in points.</summary>
    public long MaxPendingPoints => _bound.MaxPoints;

    /// <summary>What an append does at the bound.</summary>
    public ClarifyWriterFullMode FullMode => _bound.FullMode;

    /// <inheritdoc/>
    public long PendingPoints => _bound.PendingPoints;

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
    public long LastBatchId => _bound.LastBatchId;

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
                if (read.Count > 0 && points + batch.Count > maxPoints)
                {
                    break;
                }

                batch.Sealed = true;
                points += batch.Count;
                read.Add(new ClarifyWriterBatch(batch.Id, batch.AppendedAt, new ArraySegment<WritePoint>(batch.Points, 0, batch.Count)));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<ClarifyWriterBatch>>(read);
    }

    /// <inheritdoc/>
    public ValueTask AcknowledgeAsync(IReadOnlyList<ClarifyWriterBatch> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var ids = batches.Select(b => b.Id).ToHashSet();
        lock (_gate)
        {
            long removed = 0;
            for (LinkedListNode<Batch>? node = _pending.First; node is not null;)
            {
                LinkedListNode<Batch>? next = node.Next;
                if (ids.Contains(node.Value.Id))
                {
                    _pending.Remove(node);
                    _bound.RemovePending(node.Value.Count);
                    removed += node.Value.Count;
                    Recycle(node.Value);
                }

                node = next;
            }

            _bound.Release(removed);
        }

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

    /// <summary>Only the waiting path captures the points (a lambda in the appends themselves would allocate on every call).</summary>
    private Task AppendWhenRoomAsync(ReadOnlyMemory<WritePoint> points, Task room, CancellationToken cancellationToken) =>
        PendingBound.WhenRoomAsync(room, () => TryAppend(points.Span), cancellationToken);

    /// <summary>Appends all the points, or none and returns the signal to wait for room on (or throws in <see cref="ClarifyWriterFullMode.Throw"/>).</summary>
    private Task? TryAppend(ReadOnlySpan<WritePoint> points)
    {
        lock (_gate)
        {
            if (_bound.TryReserve(points.Length) is Task room)
            {
                return room;
            }

            int appended = points.Length;
            while (!points.IsEmpty)
            {
                Batch? tail = _pending.Last?.Value;
                if (tail is null || tail.Sealed || tail.Count == tail.Points.Length)
                {
                    // The clock is read only for a new batch: most appends join the tail and need no clock read.
                    tail = new Batch(_bound.StartBatch(), _time.GetUtcNow(), _spareArrays.TryPop(out WritePoint[]? spare) ? spare : new WritePoint[_batchCapacity]);
                    _pending.AddLast(tail);
                }

                int taken = Math.Min(points.Length, tail.Points.Length - tail.Count);
                points[..taken].CopyTo(tail.Points.AsSpan(tail.Count));
                tail.Count += taken;
                points = points[taken..];
            }

            _bound.AddPending(appended);

            return null;
        }
    }

    /// <summary>Keeps an acknowledged batch's array for the next batches, cleared so it holds no input key alive.</summary>
    private void Recycle(Batch batch)
    {
        if (_spareArrays.Count + _pending.Count < _maxSpareArrays && batch.Points.Length == _batchCapacity)
        {
            Array.Clear(batch.Points, 0, batch.Count);
            _spareArrays.Push(batch.Points);
        }
    }

    private sealed class Batch(long id, DateTimeOffset appendedAt, WritePoint[] points)
    {
        public long Id { get; } = id;

        public DateTimeOffset AppendedAt { get; } = appendedAt;

        /// <summary>The first <see cref="Count"/> are the batch's; the array is reused once it is acknowledged.</summary>
        public WritePoint[] Points { get; } = points;

        public int Count { get; set; }

        /// <summary>Read by the consumer: appends go to a newer batch, so what is sent is what is acknowledged.</summary>
        public bool Sealed { get; set; }
    }
}
