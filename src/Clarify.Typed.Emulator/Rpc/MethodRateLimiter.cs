using System;
using System.Collections.Generic;

namespace Clarify.Typed.Emulator.Rpc;

/// <summary>
/// Clarify's per-method rate limits as a queue: each request of a method gets the next free
/// slot (slots are 1/rate apart) and waits for it; a request that would wait more than
/// <see cref="MaxQueueTime"/> is refused, as the real server times such requests out.
/// </summary>
internal sealed class MethodRateLimiter
{
    public static readonly TimeSpan MaxQueueTime = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, DateTimeOffset> _nextSlot = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public MethodRateLimiter(TimeProvider time) => _time = time;

    /// <summary>Reserves a slot: how long the request must wait, or null when the queue is full.</summary>
    public TimeSpan? Reserve(string method, int requestsPerSecond)
    {
        lock (_nextSlot)
        {
            DateTimeOffset now = _time.GetUtcNow();
            DateTimeOffset slot = _nextSlot.TryGetValue(method, out DateTimeOffset next) && next > now ? next : now;
            TimeSpan wait = slot - now;
            if (wait > MaxQueueTime)
            {
                return null;
            }

            _nextSlot[method] = slot + TimeSpan.FromSeconds(1.0 / requestsPerSecond);
            return wait;
        }
    }
}
