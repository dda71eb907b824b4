using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Clarify.Typed.Models;
using Clarify.Typed.Signals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// Store-and-forward ingestion: any number of producers write points, which go into a store
/// (<see cref="ClarifyWriterOptions.Store"/>, in memory by default) and return without waiting for
/// the network; one background consumer merges what is pending into data frames and sends them with
/// <see cref="ClarifyClient.InsertAsync"/>, one insert at a time, every
/// <see cref="ClarifyWriterOptions.FlushInterval"/> or as soon as <see cref="ClarifyWriterOptions.MaxBatchPoints"/>
/// are pending. Points leave the store only when Clarify acknowledged them or refused them for
/// their content (then they are dead-lettered, see <see cref="DeadLettered"/>); outages and
/// authentication failures are retried for as long as it takes. Thread-safe.
/// </summary>
public sealed class ClarifyWriter : IAsyncDisposable
{
    private readonly IClarifyWriterStore _store;
    private readonly ClarifyWriterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BatchSender _sender;
    private readonly WriterMetrics _metrics;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly List<(long BatchId, TaskCompletionSource Done)> _flushes = [];
    private readonly Task _consumer;
    private readonly bool _ownsStore;
    private long _acknowledgedThrough;
    private int _disposed;
    private volatile ClarifyWriterStatus _status = ClarifyWriterStatus.Sending;
    private volatile ClarifyException? _lastError;
    private long _deadLetteredPoints;

    private ClarifyWriter(Func<DataFrame, CancellationToken, Task> insert, ClarifyWriterOptions options, WriterMetrics metrics)
    {
        options.Validate();
        _metrics = metrics;
        _options = options;
        _time = options.TimeProvider ?? TimeProvider.System;
        _logger = options.LoggerFactory?.CreateLogger<ClarifyWriter>() ?? NullLogger<ClarifyWriter>.Instance;
        if (options.StoreFactory is { } makeStore)
        {
            _store = makeStore(options) ?? throw new InvalidOperationException("ClarifyWriterOptions.StoreFactory returned null: it must return the store the writer is to own.");
            _ownsStore = true;
        }
        else
        {
            _store = options.Store ?? new ClarifyMemoryWriterStore(options.MaxPendingPoints, options.FullMode, _time);
        }

        _sender = new BatchSender(insert, _store, options, _time, _logger, SetStatus, RaiseDeadLettered, metrics);
        metrics.Track(this);
        _consumer = Task.Run(ConsumeAsync);
    }

    /// <summary>Points Clarify refused for their content were set aside; raised on the writer's consumer, so keep handlers short.</summary>
    public event EventHandler<ClarifyDeadLetterEventArgs>? DeadLettered;

    /// <summary>The store the points wait in.</summary>
    public IClarifyWriterStore Store => _store;

    /// <summary>Points written and not yet acknowledged.</summary>
    public long PendingPoints => _store.PendingPoints;

    /// <summary>How long the oldest pending point has waited, or null when nothing is pending.</summary>
    public TimeSpan? OldestPendingAge => _store.OldestPendingTime is DateTimeOffset oldest ? _time.GetUtcNow() - oldest : null;

    /// <summary>How sending stands.</summary>
    public ClarifyWriterStatus Status => _status;

    /// <summary>Points this writer dead-lettered since it was created (see <see cref="DeadLettered"/>).</summary>
    public long DeadLetteredPoints => Interlocked.Read(ref _deadLetteredPoints);

    /// <summary>Why the last insert failed while <see cref="Status"/> is not <see cref="ClarifyWriterStatus.Sending"/>; null once inserts succeed again.</summary>
    public ClarifyException? LastError => _lastError;

    /// <summary>
    /// Creates a writer that sends through <paramref name="client"/> and starts its consumer. It
    /// records its metrics where the client does: on the container's meter when the client came from
    /// dependency injection, else on the process-wide one.
    /// </summary>
    /// <param name="client">The client; the writer does not dispose it.</param>
    /// <param name="options">Batching, store, retries; defaults when null.</param>
    public static ClarifyWriter Create(ClarifyClient client, ClarifyWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ClarifyWriter((frame, ct) => client.InsertAsync(frame, ct), options ?? new ClarifyWriterOptions(), client.Metrics.Writers);
    }

    /// <summary>Writes one point. Completes when it is in the store, never waiting for Clarify.</summary>
    /// <param name="inputKey">The signal's input key.</param>
    /// <param name="time">When; kept to the microsecond.</param>
    /// <param name="value">The value; null is a gap, NaN becomes null.</param>
    /// <param name="cancellationToken">Cancels a wait for room in a full store.</param>
    /// <exception cref="ClarifyDataFrameException">The input key is invalid or the value infinite.</exception>
    /// <exception cref="ClarifyWriterFullException">The store is full and configured to throw.</exception>
    /// <remarks>
    /// Await the returned <see cref="ValueTask"/> once: what backs it is pooled and reused (by the
    /// writer and by stores such as the SQLite store), so that single-point writes allocate nothing.
    /// </remarks>
    public ValueTask WriteAsync(string inputKey, DateTimeOffset time, double? value, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var point = new WritePoint(inputKey, time, value);
        FrameMerger.Check(new ReadOnlySpan<WritePoint>(in point));
        return Appended(_store.AppendAsync(point, cancellationToken), 1);
    }

    /// <summary>
    /// Writes every signal property of a <see cref="ClarifySignalsAttribute"/> reading at one
    /// time (null properties are gaps and are not written). Completes when the values are in the
    /// store. Generated code copies the values: no reflection, and the points go through a pooled
    /// buffer.
    /// </summary>
    /// <typeparam name="TReading">The reading type, whose <see cref="IClarifySignals{TSelf}"/> the generator implements.</typeparam>
    /// <param name="time">When; kept to the microsecond.</param>
    /// <param name="reading">The reading.</param>
    /// <param name="cancellationToken">Cancels a wait for room in a full store.</param>
    /// <exception cref="ClarifyDataFrameException">A value is infinite; nothing is written.</exception>
    /// <exception cref="ClarifyWriterFullException">The store is full and configured to throw.</exception>
    public ValueTask WriteAsync<TReading>(DateTimeOffset time, TReading reading, CancellationToken cancellationToken = default)
        where TReading : IClarifySignals<TReading>
    {
        IReadOnlyList<string> keys = TReading.SignalInputKeys;
        Span<double?> values = keys.Count <= SignalReadings.MaxStackValues ? stackalloc double?[keys.Count] : new double?[keys.Count];
        SignalReadings.Copy(reading, values);
        WritePoint[] points = ArrayPool<WritePoint>.Shared.Rent(keys.Count);
        ValueTask write;
        try
        {
            int count = 0;
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] is double value)
                {
                    points[count++] = new WritePoint(keys[i], time, value);
                }
            }

            write = WriteAsync(points.AsMemory(0, count), cancellationToken);
        }
        catch
        {
            ArrayPool<WritePoint>.Shared.Return(points, clearArray: true);
            throw;
        }

        if (write.IsCompleted)
        {
            ArrayPool<WritePoint>.Shared.Return(points, clearArray: true);
            return write;
        }

        // A full store holds on to the points while it waits for room.
        return ReturnWhenWrittenAsync(write, points);
    }

    private static async ValueTask ReturnWhenWrittenAsync(ValueTask write, WritePoint[] points)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<WritePoint>.Shared.Return(points, clearArray: true);
        }
    }

    /// <summary>Writes every value of a frame (its gaps are not written). Completes when they are in the store.</summary>
    /// <param name="data">The frame.</param>
    /// <param name="cancellationToken">Cancels a wait for room in a full store.</param>
    /// <exception cref="ClarifyWriterFullException">The store is full and configured to throw.</exception>
    public ValueTask WriteAsync(DataFrame data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        return WriteAsync(FrameMerger.Points(data), cancellationToken);
    }

    /// <summary>
    /// Writes many points at once: all or none of them go into the store. Completes synchronously
    /// when the store has room and stores synchronously (the in-memory store does).
    /// </summary>
    /// <param name="points">The points; copied before this returns or waits.</param>
    /// <param name="cancellationToken">Cancels a wait for room in a full store.</param>
    /// <exception cref="ClarifyDataFrameException">An input key is invalid or a value infinite; nothing is written.</exception>
    /// <exception cref="ClarifyWriterFullException">The store is full and configured to throw.</exception>
    /// <remarks>Await the returned <see cref="ValueTask"/> once: what backs it is pooled and reused.</remarks>
    public ValueTask WriteAsync(ReadOnlyMemory<WritePoint> points, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        FrameMerger.Check(points.Span);
        return Appended(_store.AppendAsync(points, cancellationToken), points.Length);
    }

    /// <summary>
    /// Returns when every point written before the call is acknowledged by Clarify (or
    /// dead-lettered, see <see cref="DeadLettered"/>), sending at once rather than at the next
    /// <see cref="ClarifyWriterOptions.FlushInterval"/>. During an outage it waits for Clarify to
    /// come back: pass a token to bound the wait.
    /// </summary>
    /// <param name="cancellationToken">Ends the wait (sending goes on).</param>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        long target = _store.LastBatchId;
        TaskCompletionSource done;
        lock (_gate)
        {
            if (target <= _acknowledgedThrough)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushes.Add((target, done));
        }

        Wake();
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Flushes for at most <see cref="ClarifyWriterOptions.DisposeTimeout"/>, then stops sending;
    /// whatever is not acknowledged stays in the store (a durable store resends it on the next
    /// start). A store made by <see cref="ClarifyWriterOptions.StoreFactory"/> is disposed last
    /// (closing its file); one given as <see cref="ClarifyWriterOptions.Store"/> is left open.
    /// Writes after this throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public ValueTask DisposeAsync() => DisposeAsync(CancellationToken.None);

    /// <summary>
    /// <see cref="DisposeAsync()"/>, with the flush also ended by <paramref name="stopping"/> (the
    /// host's shutdown token): whatever is not acknowledged then stays in the store, and the
    /// writer logs how much.
    /// </summary>
    internal async ValueTask DisposeAsync(CancellationToken stopping)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(_options.DisposeTimeout, _time))
        using (var flushEnd = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping))
        {
            try
            {
                await FlushAsync(flushEnd.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                WriterLog.DisposedWithPending(_logger, _options.DisposeTimeout, _store.PendingPoints);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                WriterLog.ShutdownEndedFlush(_logger, _store.PendingPoints);
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _consumer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _status = ClarifyWriterStatus.Disposed;
        _metrics.Untrack(this);
        _stop.Dispose();
        if (_ownsStore)
        {
            await DisposeStoreAsync(_store).ConfigureAwait(false);
        }
    }

    private static async ValueTask DisposeStoreAsync(IClarifyWriterStore store)
    {
        if (store is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            (store as IDisposable)?.Dispose();
        }
    }

    /// <summary>Counts the points once the store has them, without allocating when the append already completed.</summary>
    private ValueTask Appended(ValueTask append, int points)
    {
        if (append.IsCompletedSuccessfully)
        {
            // Consumes the result, which hands a pooled source back to its store.
            append.GetAwaiter().GetResult();
            Written(points);
            return ValueTask.CompletedTask;
        }

        return AwaitAppendAsync(append, points);
    }

    /// <summary>Pooled, so the state machine of a write that waits (every commit of a durable store) is reused rather than allocated.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AwaitAppendAsync(ValueTask append, int points)
    {
        await append.ConfigureAwait(false);
        Written(points);
    }

    private void Written(int points)
    {
        _metrics.Written(points);
        if (_store.PendingPoints >= _options.MaxBatchPoints)
        {
            Wake();
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task ConsumeAsync()
    {
        CancellationToken stop = _stop.Token;
        try
        {
            while (true)
            {
                if (!HasUrgentWork())
                {
                    await WaitForWorkAsync(stop).ConfigureAwait(false);
                }

                _wake.Reader.TryRead(out _);
                try
                {
                    await SendPendingAsync(stop).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A failing store (a full disk, a locked file) must not end the consumer, which would strand every pending point.
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    WriterLog.ConsumerFailed(_logger, e, _options.RetryMaxDelay);
                    await Task.Delay(_options.RetryMaxDelay, _time, stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: what was not acknowledged stays in the store.
        }
    }

    private async Task SendPendingAsync(CancellationToken stop)
    {
        long lastBefore = _store.LastBatchId;
        IReadOnlyList<ClarifyWriterBatch> batches = await _store.ReadPendingAsync(_options.MaxBatchPoints, stop).ConfigureAwait(false);
        if (batches.Count == 0)
        {
            // Nothing pending: every batch up to the id seen before the read is settled.
            Settled(lastBefore);
            return;
        }

        WritePoint[] points = batches.SelectMany(b => b.Points).ToArray();
        int acknowledged = await _sender.SendAsync(points, stop).ConfigureAwait(false);
        await _store.AcknowledgeAsync(batches, stop).ConfigureAwait(false);
        _metrics.Acknowledged(acknowledged);
        Settled(batches[^1].Id);
    }

    private bool HasUrgentWork()
    {
        lock (_gate)
        {
            return _flushes.Count > 0 || _store.PendingPoints >= _options.MaxBatchPoints;
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stop)
    {
        using var due = new CancellationTokenSource(_options.FlushInterval, _time);
        using CancellationTokenRegistration link = stop.Register(due.Cancel);
        try
        {
            await _wake.Reader.WaitToReadAsync(due.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // The flush interval elapsed.
        }
    }

    private void Settled(long batchId)
    {
        List<TaskCompletionSource> done = [];
        lock (_gate)
        {
            _acknowledgedThrough = Math.Max(_acknowledgedThrough, batchId);
            _flushes.RemoveAll(f =>
            {
                if (f.BatchId > _acknowledgedThrough)
                {
                    return false;
                }

                done.Add(f.Done);
                return true;
            });
        }

        done.ForEach(d => d.TrySetResult());
    }

    private void SetStatus(ClarifyWriterStatus status, ClarifyException? error)
    {
        _status = status;
        _lastError = error;
    }

    private void RaiseDeadLettered(ClarifyDeadLetter deadLetter)
    {
        Interlocked.Add(ref _deadLetteredPoints, deadLetter.Points.Count);
        try
        {
            DeadLettered?.Invoke(this, new ClarifyDeadLetterEventArgs(deadLetter));
        }
#pragma warning disable CA1031 // A handler's bug must not stop the writer, which would strand every pending point.
        catch (Exception e)
#pragma warning restore CA1031
        {
            WriterLog.DeadLetterHandlerFailed(_logger, e);
        }
    }
}
