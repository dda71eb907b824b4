using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Clarify.Typed.Redis.Connection;
using StackExchange.Redis;

namespace Clarify.Typed.Redis.Pacing;

/// <summary>
/// Paces one method of one integration across every instance: each acquisition reserves the next free
/// turn in Redis with one script (turns one period apart, on Redis's clock), then waits for it. While
/// Redis fails, the instance's own pacing limiter takes over, and the next acquisition after
/// <see cref="ClarifyRedisOptions.RetryAfterFailure"/> tries Redis again.
/// </summary>
/// <remarks>
/// A cancelled wait leaves its reserved turn unused: the pace may then be slower, never faster.
/// <see cref="RateLimiter.AttemptAcquire(int)"/> asks only the local limiter: a synchronous call has no time for Redis.
/// </remarks>
internal sealed class SharedPaceLimiter : RateLimiter
{
    private const string PacesAlone = "each instance paces its own Clarify calls";

    private readonly RedisConnection _redis;
    private readonly RedisKey _key;
    private readonly long _periodMilliseconds;
    private readonly RateLimiter _local;
    private long _sharedLeases;

    public SharedPaceLimiter(RedisConnection redis, string key, TimeSpan period, RateLimiter local)
    {
        _redis = redis;
        _key = key;
        _periodMilliseconds = (long)Math.Ceiling(period.TotalMilliseconds);
        _local = local;
    }

    public override TimeSpan? IdleDuration => _local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics()
    {
        RateLimiterStatistics? local = _local.GetStatistics();
        return new RateLimiterStatistics
        {
            CurrentAvailablePermits = local?.CurrentAvailablePermits ?? 0,
            CurrentQueuedCount = local?.CurrentQueuedCount ?? 0,
            TotalSuccessfulLeases = (local?.TotalSuccessfulLeases ?? 0) + Interlocked.Read(ref _sharedLeases),
            TotalFailedLeases = local?.TotalFailedLeases ?? 0,
        };
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => _local.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(permitCount, 1);
        (bool reserved, RedisResult wait) = await _redis.TryRedisAsync(
            db => db.ScriptEvaluateAsync(RedisScripts.ReservePaceTurn, [_key], [_periodMilliseconds]),
            PacesAlone,
            cancellationToken).ConfigureAwait(false);
        if (!reserved)
        {
            return await _local.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
        }

        long waitMilliseconds = (long)wait;
        if (waitMilliseconds > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(waitMilliseconds), _redis.Time, cancellationToken).ConfigureAwait(false);
        }

        Interlocked.Increment(ref _sharedLeases);
        return SharedTurn.Instance;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }
    }

    protected override async ValueTask DisposeAsyncCore() => await _local.DisposeAsync().ConfigureAwait(false);

    private sealed class SharedTurn : RateLimitLease
    {
        public static readonly SharedTurn Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
