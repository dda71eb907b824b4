using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Clarify.Typed.Rpc;

/// <summary>
/// Paces each method with its own <see cref="PacingRateLimiter"/>, or with what an
/// <see cref="IClarifyRateLimiterFactory"/> makes of it (e.g. a pace shared by many instances).
/// </summary>
internal sealed class ClarifyRateLimiter : IDisposable
{
    private readonly Dictionary<string, RateLimiter> _limiters = new(StringComparer.Ordinal);

    /// <param name="requestsPerSecond">The rate of each paced method.</param>
    /// <param name="timeProvider">The clock of the local pacing.</param>
    /// <param name="replace">Given a method, its period and its local limiter, the limiter to use instead (which then owns the local one).</param>
    public ClarifyRateLimiter(IEnumerable<KeyValuePair<string, double>> requestsPerSecond, TimeProvider timeProvider, Func<string, TimeSpan, RateLimiter, RateLimiter>? replace = null)
    {
        foreach (KeyValuePair<string, double> rate in requestsPerSecond)
        {
            TimeSpan period = TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond / rate.Value));
            var local = new PacingRateLimiter(period, timeProvider);
            _limiters[rate.Key] = replace is null ? local : replace(rate.Key, period, local);
        }
    }

    /// <summary>Whether <paramref name="method"/> is paced at all; the others never wait.</summary>
    public bool Paces(string method) => _limiters.ContainsKey(method);

    /// <summary>Waits for the method's turn.</summary>
    public async ValueTask AcquireAsync(string method, CancellationToken cancellationToken)
    {
        if (_limiters.TryGetValue(method, out RateLimiter? limiter))
        {
            using RateLimitLease lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The limiter's counters for a method, or null when the method is not paced.</summary>
    public RateLimiterStatistics? GetStatistics(string method) =>
        _limiters.TryGetValue(method, out RateLimiter? limiter) ? limiter.GetStatistics() : null;

    public void Dispose()
    {
        foreach (RateLimiter limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}

/// <summary>
/// A <see cref="RateLimiter"/> that spaces acquisitions at least one period apart, first come
/// first served, one turn per lease. Callers who must wait queue up; a turn goes to the head of
/// the queue when it comes, so a wait that is cancelled leaves the queue and takes no turn with
/// it, and the callers behind it move up. Turns are timed with the <see cref="TimeProvider"/>'s
/// clock and timers only, so a fake clock drives it exactly (the built-in replenishing limiters
/// also read the real clock): a lease is granted inside the timer callback.
/// </summary>
internal sealed class PacingRateLimiter : RateLimiter
{
    private readonly TimeSpan _period;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _turnTimer;
    private readonly object _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private DateTimeOffset _nextTurn = DateTimeOffset.MinValue;
    private long _granted;
    private bool _disposed;

    public PacingRateLimiter(TimeSpan period, TimeProvider timeProvider)
    {
        _period = period;
        _timeProvider = timeProvider;
        _turnTimer = timeProvider.CreateTimer(static state => ((PacingRateLimiter)state!).OnTurnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                DateTimeOffset now = _timeProvider.GetUtcNow();
                return TurnIsFree(now) ? now - _nextTurn : null;
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = TurnIsFree(_timeProvider.GetUtcNow()) ? 1 : 0,
                CurrentQueuedCount = _waiters.Count,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = 0,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        EnsureOnePermit(permitCount);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return PacedLease.Instance(TryTakeTurn(_timeProvider.GetUtcNow()));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        EnsureOnePermit(permitCount);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (TryTakeTurn(_timeProvider.GetUtcNow()))
            {
                return new ValueTask<RateLimitLease>(PacedLease.Instance(true));
            }
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<RateLimitLease>(cancellationToken);
        }

        var waiter = new Waiter(this, cancellationToken);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // The turn may have come, or the token fired, while the waiter was being set up.
            if (!waiter.Task.IsCompleted)
            {
                if (TryTakeTurn(_timeProvider.GetUtcNow()))
                {
                    waiter.Grant();
                }
                else
                {
                    waiter.Node = _waiters.AddLast(waiter);
                    if (_waiters.Count == 1)
                    {
                        ArmTurnTimer(_timeProvider.GetUtcNow());
                    }
                }
            }
        }

        return new ValueTask<RateLimitLease>(waiter.Task);
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        Waiter[] abandoned;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            abandoned = [.. _waiters];
            _waiters.Clear();
        }

        _turnTimer.Dispose();
        foreach (Waiter waiter in abandoned)
        {
            waiter.Fail(new ObjectDisposedException(nameof(PacingRateLimiter), "The client was disposed while this call waited for its rate-limit turn."));
        }
    }

    private static void EnsureOnePermit(int permitCount) =>
        ArgumentOutOfRangeException.ThrowIfNotEqual(permitCount, 1);

    /// <summary>Free when nobody is queued and the last turn is a full period ago.</summary>
    private bool TurnIsFree(DateTimeOffset now) => _waiters.Count == 0 && _nextTurn <= now;

    private bool TryTakeTurn(DateTimeOffset now)
    {
        if (!TurnIsFree(now))
        {
            return false;
        }

        _nextTurn = now + _period;
        _granted++;
        return true;
    }

    private void ArmTurnTimer(DateTimeOffset now) =>
        _turnTimer.Change(_nextTurn > now ? _nextTurn - now : TimeSpan.Zero, Timeout.InfiniteTimeSpan);

    private void OnTurnTimer()
    {
        lock (_lock)
        {
            if (_disposed || _waiters.Count == 0)
            {
                return;
            }

            DateTimeOffset now = _timeProvider.GetUtcNow();
            if (_nextTurn <= now)
            {
                Waiter next = _waiters.First!.Value;
                _waiters.RemoveFirst();
                next.Node = null;
                _nextTurn = now + _period;
                _granted++;
                next.Grant();
            }

            // A timer may fire early; either way the next turn is timed from the clock again.
            if (_waiters.Count > 0)
            {
                ArmTurnTimer(now);
            }
        }
    }

    private void Remove(Waiter waiter)
    {
        lock (_lock)
        {
            if (waiter.Node is not null)
            {
                _waiters.Remove(waiter.Node);
                waiter.Node = null;
            }
        }
    }

    /// <summary>A queued caller; completes (its continuations on the thread pool) when its turn comes.</summary>
    private sealed class Waiter : TaskCompletionSource<RateLimitLease>
    {
        private readonly PacingRateLimiter _limiter;
        private readonly CancellationTokenRegistration _registration;

        public Waiter(PacingRateLimiter limiter, CancellationToken cancellationToken)
            : base(TaskCreationOptions.RunContinuationsAsynchronously)
        {
            _limiter = limiter;
            _registration = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), this);
        }

        /// <summary>Where the waiter sits in the queue; null once it has left it. Guarded by the limiter's lock.</summary>
        public LinkedListNode<Waiter>? Node { get; set; }

        public void Grant()
        {
            // Unregister, not Dispose: Dispose would wait for a running cancellation callback, which needs the lock held here.
            _registration.Unregister();
            TrySetResult(PacedLease.Instance(true));
        }

        public void Fail(Exception exception)
        {
            _registration.Unregister();
            TrySetException(exception);
        }

        private void Cancel(CancellationToken cancellationToken)
        {
            _limiter.Remove(this);
            TrySetCanceled(cancellationToken);
        }
    }

    private sealed class PacedLease : RateLimitLease
    {
        private static readonly PacedLease Acquired = new(true);
        private static readonly PacedLease Refused = new(false);

        private PacedLease(bool isAcquired) => IsAcquired = isAcquired;

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => [];

        public static PacedLease Instance(bool isAcquired) => isAcquired ? Acquired : Refused;

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
