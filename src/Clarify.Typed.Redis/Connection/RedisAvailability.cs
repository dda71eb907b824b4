using System;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Redis.Connection;

/// <summary>
/// Whether Redis is worth asking right now, for everything one connection serves: after a failure the
/// instance works alone for <see cref="ClarifyRedisOptions.RetryAfterFailure"/>, then tries again. An
/// outage is logged once when it starts and once when it ends, however many calls it touches.
/// </summary>
internal sealed class RedisAvailability(ClarifyRedisOptions options, TimeProvider time, ILogger logger)
{
    private long _retryAtTicks;
    private int _down;

    /// <summary>False while an outage's pause lasts.</summary>
    public bool ShouldTry() => time.GetUtcNow().UtcTicks >= Volatile.Read(ref _retryAtTicks);

    /// <summary>Records a failed or slow operation; <paramref name="what"/> says what the instance does alone meanwhile.</summary>
    public void Failed(Exception exception, string what)
    {
        Volatile.Write(ref _retryAtTicks, (time.GetUtcNow() + options.RetryAfterFailure).UtcTicks);
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            // The type only: a client library's message may quote its configuration.
            RedisLog.Unavailable(logger, exception.GetType().Name, what, options.RetryAfterFailure);
        }
    }

    public void Succeeded()
    {
        if (Volatile.Read(ref _down) == 1 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            RedisLog.Available(logger);
        }
    }
}
