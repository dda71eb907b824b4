using System;

namespace Clarify.Typed.Authentication;

/// <summary>
/// An access token as instances share it: the token and when and for how long it was issued, from
/// which every instance computes the same expiry with its own skew rules. <see cref="ToString"/>
/// never shows the token.
/// </summary>
public sealed class ClarifySharedToken
{
    /// <summary>Creates a shared token.</summary>
    /// <param name="value">The access token.</param>
    /// <param name="requestedAt">When the request that got it was sent: its lifetime runs from no earlier.</param>
    /// <param name="lifetime">The endpoint's <c>expires_in</c>.</param>
    /// <exception cref="ArgumentException">The token is empty or the lifetime not positive.</exception>
    public ClarifySharedToken(string value, DateTimeOffset requestedAt, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        Value = value;
        RequestedAt = requestedAt;
        Lifetime = lifetime;
    }

    /// <summary>The access token. Secret: never log it.</summary>
    public string Value { get; }

    /// <summary>When the request that got the token was sent.</summary>
    public DateTimeOffset RequestedAt { get; }

    /// <summary>How long the token endpoint said the token is valid.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>Requested time and lifetime; never the token.</summary>
    public override string ToString() => $"ClarifySharedToken {{ RequestedAt = {RequestedAt:O}, Lifetime = {Lifetime} }}";
}
