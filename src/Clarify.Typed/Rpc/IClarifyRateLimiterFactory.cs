using System;
using System.Threading.RateLimiting;

namespace Clarify.Typed.Rpc;

/// <summary>
/// Makes the limiter that paces one method of a <see cref="ClarifyClient"/>, e.g. one pace shared by
/// every instance of a service through Redis (<c>Clarify.Typed.Redis</c>'s <c>UseSharedPace()</c>).
/// With dependency injection, register one keyed by the integration's name (<c>""</c> for the default
/// integration); without a factory each client paces its methods alone.
/// </summary>
public interface IClarifyRateLimiterFactory
{
    /// <summary>Makes the limiter for <paramref name="method"/> of the integration in <paramref name="options"/>.</summary>
    /// <param name="options">The integration (its api URL and id name the pace to share).</param>
    /// <param name="method">The JSON-RPC method, e.g. <c>integration.insert</c> (<see cref="ClarifyRpcMethods"/>).</param>
    /// <param name="period">At least this long between two calls of the method, from <see cref="ClarifyClientOptions.RequestsPerSecond"/>.</param>
    /// <param name="localLimiter">
    /// The in-process pacing the client would use otherwise, one call per <paramref name="period"/>. The
    /// returned limiter owns it (disposes it with itself) and may fall back to it; return it to keep it.
    /// </param>
    /// <returns>
    /// A limiter that queues callers until their turn and grants every lease: the client does not
    /// look at <see cref="RateLimitLease.IsAcquired"/>.
    /// </returns>
    RateLimiter Create(ClarifyOptions options, string method, TimeSpan period, RateLimiter localLimiter);
}
