using System;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Authentication;

/// <summary>
/// What a <see cref="ClarifyTokenCache"/> gives its <see cref="IClarifyTokenStore"/> when it needs a
/// token: the credentials, its rules for a usable token, and the one request to the token endpoint.
/// <see cref="ToString"/> never shows the secret or a token.
/// </summary>
public sealed class ClarifyTokenStoreRequest
{
    private readonly Func<CancellationToken, Task<ClarifySharedToken>> _fetch;
    private readonly Func<ClarifySharedToken, DateTimeOffset> _expiresAt;
    private readonly Func<ClarifySharedToken, DateTimeOffset> _refreshAt;
    private readonly string? _replacing;

    internal ClarifyTokenStoreRequest(
        ClarifyOptions options,
        TimeProvider timeProvider,
        string? replacing,
        Func<ClarifySharedToken, DateTimeOffset> expiresAt,
        Func<ClarifySharedToken, DateTimeOffset> refreshAt,
        Func<CancellationToken, Task<ClarifySharedToken>> fetch)
    {
        Options = options;
        TimeProvider = timeProvider;
        _replacing = replacing;
        _expiresAt = expiresAt;
        _refreshAt = refreshAt;
        _fetch = fetch;
    }

    /// <summary>The api URL and credentials the token is for.</summary>
    public ClarifyOptions Options { get; }

    /// <summary>The cache's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Whether the cache takes <paramref name="token"/>: it is not yet due for a refresh by the cache's
    /// skew rules, and it is not the token being replaced (the one refreshed ahead or rejected with a 401).
    /// </summary>
    public bool IsUsable(ClarifySharedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return TimeProvider.GetUtcNow() < _refreshAt(token) && !string.Equals(token.Value, _replacing, StringComparison.Ordinal);
    }

    /// <summary>From when the cache stops using <paramref name="token"/> (its lifetime less the skew): a shared copy may expire then.</summary>
    public DateTimeOffset ExpiresAt(ClarifySharedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _expiresAt(token);
    }

    /// <summary>
    /// Sends the one token request (with the cache's back-off); throws the endpoint's
    /// <see cref="ClarifyAuthenticationException"/> when it fails.
    /// </summary>
    public Task<ClarifySharedToken> FetchAsync(CancellationToken cancellationToken) => _fetch(cancellationToken);

    /// <summary>The api URL and client id; never the secret or a token.</summary>
    public override string ToString() => $"ClarifyTokenStoreRequest {{ ApiUrl = {Options.ApiUrl}, ClientId = {Options.Credential.ClientId} }}";
}
