using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Clarify.Typed.Rpc;

/// <summary>Paces each method with its own <see cref="PacingRateLimiter"/>.</summary>
internal sealed class ClarifyRateLimiter : IDisposable
{
    private readonly Dictionary<string, PacingRateLimiter> _limiters = new(StringComparer.Ordinal);

    public ClarifyRateLimiter(IEnumerable<KeyValuePair<string, double>> requestsPerSecond, TimeProvider timeProvider)
    {
        foreach (KeyValuePair<string, double> rate in requestsPerSecond)
        {
            _limiters[rate.Key] = new PacingRateLimiter(TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond / rate.Value)), timeProvider);
        }
    }

    /// <summary>Waits for the method's turn.</summary>
    public async ValueTask AcquireAsync(string method, CancellationToken cancellationToken)
    {
        if (_limiters.TryGetValue(method, out PacingRateLimiter? limiter))
        {
            using RateLimitLease lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The limiter's counters for a method, or null when the method is not paced.</summary>
    public RateLimiterStatistics? GetStatistics(string method) =>
        _limiters.TryGetValue(method, out PacingRateLimiter? limiter) ? limiter.GetStatistics() : null;

    public void Dispose()
    {
        foreach (PacingRateLimiter limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}

/// <summary>
/// A <see cref="RateLimiter"/> that spaces acquisitions at least one period apart, first come
/// first served. Each caller's slot is fixed when it asks, from the <see cref="TimeProvider"/>'s
/// clock only, so a fake clock drives it exactly (the built-in replenishing limiters also read
/// the real clock). A lease counts as granted once its slot has arrived.
/// </summary>
internal sealed class PacingRateLimiter : RateLimiter
{
    private readonly TimeSpan _period;
    private readonly TimeProvider _timeProvider;
    private readonly object _lock = new();
    private readonly Queue<DateTimeOffset> _upcoming = new();
    private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;
    private long _granted;

    public PacingRateLimiter(TimeSpan period, TimeProvider timeProvider)
    {
        _period = period;
        _timeProvider = timeProvider;
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                DateTimeOffset now = _timeProvider.GetUtcNow();
                return _nextSlot <= now ? now - _nextSlot : null;
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_lock)
        {
            DateTimeOffset now = _timeProvider.GetUtcNow();
            while (_upcoming.Count > 0 && _upcoming.Peek() <= now)
            {
                _upcoming.Dequeue();
                _granted++;
            }

            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _nextSlot <= now ? 1 : 0,
                CurrentQueuedCount = _upcoming.Count,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = 0,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            DateTimeOffset now = _timeProvider.GetUtcNow();
            if (permitCount == 0)
            {
                return PacedLease.Instance(_nextSlot <= now);
            }

            if (_nextSlot > now)
            {
                return PacedLease.Instance(false);
            }

            _nextSlot = now + _period;
            _upcoming.Enqueue(now);
            return PacedLease.Instance(true);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        DateTimeOffset now;
        DateTimeOffset slot;
        lock (_lock)
        {
            now = _timeProvider.GetUtcNow();
            slot = _nextSlot > now ? _nextSlot : now;
            if (permitCount > 0)
            {
                _nextSlot = slot + _period;
                _upcoming.Enqueue(slot);
            }
        }

        if (slot > now)
        {
            await Task.Delay(slot - now, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        return PacedLease.Instance(true);
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
