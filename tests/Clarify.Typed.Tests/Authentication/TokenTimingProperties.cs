using System;
using Clarify.Typed.Authentication;
using FsCheck;
using FsCheck.Xunit;

namespace Clarify.Typed.Tests.Authentication;

public sealed class TokenTimingProperties
{
    private static readonly DateTimeOffset Issued = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Property]
    public bool A_token_is_used_for_at_least_nine_tenths_of_its_life_and_refreshed_before_it_stops(PositiveInt lifetimeSeconds, NonNegativeInt skewSeconds, NonNegativeInt aheadSeconds)
    {
        TimeSpan lifetime = TimeSpan.FromSeconds(lifetimeSeconds.Get);
        var token = new AccessToken("t", lifetime, Issued, TimeSpan.FromSeconds(skewSeconds.Get), TimeSpan.FromSeconds(aheadSeconds.Get));

        return token.ExpiresAt <= Issued + lifetime
            && token.ExpiresAt >= Issued + (lifetime * 0.9)
            && token.RefreshAt <= token.ExpiresAt
            && token.RefreshAt >= Issued + (lifetime * 0.8)
            && token.ExpiresAt >= Issued + lifetime - TimeSpan.FromSeconds(skewSeconds.Get);
    }

    [Property]
    public bool Back_off_without_Retry_After_stays_between_half_and_all_of_the_capped_exponential(PositiveInt failures, PositiveInt initialMs, PositiveInt extraMaxMs)
    {
        var initial = TimeSpan.FromMilliseconds(initialMs.Get);
        var max = initial + TimeSpan.FromMilliseconds(extraMaxMs.Get);
        var backoff = new TokenBackoff(initial, max);
        TimeSpan delay = TimeSpan.Zero;
        int count = Math.Min(failures.Get, 40);
        for (int i = 0; i < count; i++)
        {
            delay = backoff.Next(retryAfter: null);
        }

        double ceiling = Math.Min(initial.TotalMilliseconds * Math.Pow(2, count - 1), max.TotalMilliseconds);
        return delay.TotalMilliseconds >= (ceiling / 2) - 0.001 && delay.TotalMilliseconds <= ceiling + 0.001;
    }

    [Property]
    public bool Retry_After_is_honoured_up_to_the_maximum(PositiveInt retryAfterSeconds, PositiveInt maxSeconds)
    {
        var backoff = new TokenBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(maxSeconds.Get));

        TimeSpan delay = backoff.Next(TimeSpan.FromSeconds(retryAfterSeconds.Get));

        return delay == TimeSpan.FromSeconds(Math.Min(retryAfterSeconds.Get, maxSeconds.Get));
    }
}
