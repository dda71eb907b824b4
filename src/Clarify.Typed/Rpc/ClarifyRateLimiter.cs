using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Clarify.Typed.Rpc;

/// <summary>
/// Paces calls per method: at most one request every 1/rate seconds, queued in order. Tokens are
/// replenished by timers from a <see cref="TimeProvider"/>, so tests drive time by hand.
/// </summary>
internal sealed class ClarifyRateLimiter : IDisposable
{
    private readonly Dictionary<string, TokenBucketRateLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly List<ITimer> _timers = [];

    public ClarifyRateLimiter(IEnumerable<KeyValuePair<string, double>> requestsPerSecond, TimeProvider timeProvider)
    {
        foreach (KeyValuePair<string, double> rate in requestsPerSecond)
        {
            TimeSpan period = TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond / rate.Value));
            var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = period,
                AutoReplenishment = false,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
            _limiters[rate.Key] = limiter;
            _timers.Add(timeProvider.CreateTimer(static state => ((TokenBucketRateLimiter)state!).TryReplenish(), limiter, period, period));
        }
    }

    /// <summary>Waits for the method's turn; the returned lease must be disposed after the call.</summary>
    public async ValueTask<RateLimitLease?> AcquireAsync(string method, CancellationToken cancellationToken)
    {
        if (!_limiters.TryGetValue(method, out TokenBucketRateLimiter? limiter))
        {
            return null;
        }

        RateLimitLease lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException($"The client-side rate limiter for {method} refused the call.");
        }

        return lease;
    }

    /// <summary>The limiter's counters for a method, or null when the method is not paced.</summary>
    public RateLimiterStatistics? GetStatistics(string method) =>
        _limiters.TryGetValue(method, out TokenBucketRateLimiter? limiter) ? limiter.GetStatistics() : null;

    public void Dispose()
    {
        foreach (ITimer timer in _timers)
        {
            timer.Dispose();
        }

        foreach (TokenBucketRateLimiter limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
