using System;
using System.Collections.Generic;

namespace Clarify.Typed.Authentication;

/// <summary>How a <see cref="ClarifyTokenCache"/> times its token requests. The defaults suit Clarify.</summary>
public sealed class ClarifyTokenCacheOptions : IClarifyOptionsRules
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    /// <summary>
    /// How long before its expiry a token stops being used, so it cannot expire on the way to
    /// the server. Default 60 s; never more than a tenth of the token's lifetime.
    /// </summary>
    public TimeSpan ExpirySkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long before it stops being used a token is refreshed in the background, while callers
    /// keep using it. Default 5 minutes; never more than a tenth of the token's lifetime.
    /// </summary>
    public TimeSpan RefreshAhead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one token request may take before it fails. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first back-off after a 429 or 5xx without <c>Retry-After</c>; it doubles on each further failure. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off, also applied to a server's <c>Retry-After</c>. Default 60 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <inheritdoc/>
    IReadOnlyList<string> IClarifyOptionsRules.Problems()
    {
        var problems = new List<string>();
        RequireNonNegative(ExpirySkew, nameof(ExpirySkew), problems);
        RequireNonNegative(RefreshAhead, nameof(RefreshAhead), problems);
        RequirePositive(RequestTimeout, nameof(RequestTimeout), problems);
        RequirePositive(InitialBackoff, nameof(InitialBackoff), problems);
        RequirePositive(MaxBackoff, nameof(MaxBackoff), problems);
        // Timers take at most int.MaxValue milliseconds; anything near that is a mistake anyway.
        if (RequestTimeout > MaxTimeout || MaxBackoff > MaxTimeout)
        {
            problems.Add($"ClarifyTokenCacheOptions.RequestTimeout ({RequestTimeout}) and MaxBackoff ({MaxBackoff}) must be at most {MaxTimeout}: use minutes, not weeks");
        }

        if (MaxBackoff < InitialBackoff)
        {
            problems.Add($"ClarifyTokenCacheOptions.MaxBackoff ({MaxBackoff}) is shorter than InitialBackoff ({InitialBackoff}): make it at least as long");
        }

        return problems;
    }

    private static void RequireNonNegative(TimeSpan value, string name, List<string> problems)
    {
        if (value < TimeSpan.Zero)
        {
            problems.Add($"ClarifyTokenCacheOptions.{name} is negative ({value}): use zero or a positive duration");
        }
    }

    private static void RequirePositive(TimeSpan value, string name, List<string> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"ClarifyTokenCacheOptions.{name} is {value}: use a positive duration");
        }
    }
}
