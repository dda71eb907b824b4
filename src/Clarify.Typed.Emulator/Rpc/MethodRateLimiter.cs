using System;
using System.Collections.Generic;

namespace Clarify.Typed.Emulator.Rpc;

/// <summary>
/// Clarify's per-method rate limits as a queue (the generic cell rate algorithm): a method
/// limited to N requests a second serves a burst of N at once, then one every 1/N s; a
/// request over the limit waits for its turn, and one that would wait more than
/// <see cref="MaxQueueTime"/> is refused, as the real server times such requests out.
/// </summary>
internal sealed class MethodRateLimiter
{
    public static readonly TimeSpan MaxQueueTime = TimeSpan.FromSeconds(10);

    // Per method: the theoretical arrival time of the next request if requests came exactly at the rate.
    private readonly Dictionary<string, DateTimeOffset> _nextArrival = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public MethodRateLimiter(TimeProvider time) => _time = time;

    /// <summary>Reserves a turn: how long the request must wait (zero within the burst), or null when the queue is full.</summary>
    public TimeSpan? Reserve(string method, int requestsPerSecond)
    {
        TimeSpan interval = TimeSpan.FromSeconds(1.0 / requestsPerSecond);
        TimeSpan burst = interval * (requestsPerSecond - 1);
        lock (_nextArrival)
        {
            DateTimeOffset now = _time.GetUtcNow();
            DateTimeOffset arrival = _nextArrival.TryGetValue(method, out DateTimeOffset next) && next > now ? next : now;
            TimeSpan wait = arrival - burst - now;
            if (wait > MaxQueueTime)
            {
                return null;
            }

            _nextArrival[method] = arrival + interval;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }
}
