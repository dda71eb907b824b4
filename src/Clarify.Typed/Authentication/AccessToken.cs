using System;
using System.Net.Http.Headers;

namespace Clarify.Typed.Authentication;

/// <summary>
/// A token from the token endpoint with the moments the cache acts on. The
/// <c>Authorization</c> header value is built once per token so the hot path allocates nothing.
/// <see cref="ToString"/> never shows the token.
/// </summary>
internal sealed class AccessToken
{
    public AccessToken(string value, TimeSpan lifetime, DateTimeOffset requestedAt, TimeSpan expirySkew, TimeSpan refreshAhead)
    {
        Value = value;
        Lifetime = lifetime;
        RequestedAt = requestedAt;
        Header = new AuthenticationHeaderValue("Bearer", value);

        // A tenth of the lifetime at most, so short-lived tokens are still used for most of their life.
        TimeSpan tenth = lifetime / 10;
        TimeSpan skew = expirySkew < tenth ? expirySkew : tenth;
        TimeSpan ahead = refreshAhead < tenth ? refreshAhead : tenth;

        // Measured from the moment the request was sent: the server's clock started no earlier.
        ExpiresAt = requestedAt + lifetime - skew;
        RefreshAt = ExpiresAt - ahead;
    }

    public string Value { get; }

    public TimeSpan Lifetime { get; }

    /// <summary>When the request that got the token was sent; shared with other instances so they compute the same expiry.</summary>
    public DateTimeOffset RequestedAt { get; }

    public AuthenticationHeaderValue Header { get; }

    /// <summary>From here on the token is not used any more: callers wait for a new one.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>From here on callers still get this token while one background refresh runs.</summary>
    public DateTimeOffset RefreshAt { get; }

    public override string ToString() => $"AccessToken {{ Lifetime = {Lifetime}, ExpiresAt = {ExpiresAt:O} }}";
}
