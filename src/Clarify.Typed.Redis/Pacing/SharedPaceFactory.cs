using System;
using System.Threading.RateLimiting;
using Clarify.Typed.Redis.Connection;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Redis.Pacing;

/// <summary>Gives every paced method of an integration a <see cref="SharedPaceLimiter"/> over one Redis connection.</summary>
internal sealed class SharedPaceFactory(RedisConnection redis) : IClarifyRateLimiterFactory
{
    public RateLimiter Create(ClarifyOptions options, string method, TimeSpan period, RateLimiter localLimiter) =>
        new SharedPaceLimiter(redis, RedisKeys.Pace(redis.Options, options, method), period, localLimiter);
}
