using System;

namespace Clarify.Typed.Authentication;

/// <summary>
/// How long to leave the token endpoint alone after a 429 or 5xx: the server's
/// <c>Retry-After</c> when it sends one, otherwise exponential from the initial back-off with
/// jitter (so many processes do not retry in step), always capped. Single flight means one fetch at a time uses it.
/// </summary>
internal sealed class TokenBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;

    public TokenBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
    {
        _initial = initial;
        _max = max;
        _random = random ?? Random.Shared;
    }

    /// <summary>Failures in a row since the last token.</summary>
    public int Failures { get; private set; }

    public TimeSpan Next(TimeSpan? retryAfter)
    {
        Failures++;
        if (retryAfter is TimeSpan asked && asked > TimeSpan.Zero)
        {
            return asked < _max ? asked : _max;
        }

        // 2^(failures-1) times the initial delay, computed in double so it cannot overflow.
        double exponential = _initial.TotalMilliseconds * Math.Pow(2, Math.Min(Failures - 1, 30));
        double capped = Math.Min(exponential, _max.TotalMilliseconds);

        // "Equal jitter": half fixed, half random, so a back-off is never close to zero.
        return TimeSpan.FromMilliseconds((capped / 2) + (_random.NextDouble() * capped / 2));
    }

    public void Reset() => Failures = 0;
}
