using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Authentication;

/// <summary>
/// Shares access tokens between instances (processes, hosts) that use the same credentials. A
/// <see cref="ClarifyTokenCache"/> with a store asks it, instead of the token endpoint, whenever it
/// needs a token: on a cold start, for a refresh ahead and after a 401. The cache's in-process single
/// flight stays in front, so each instance asks its store once per token, whatever the number of callers.
/// </summary>
/// <remarks>
/// Register one keyed by the integration's name (<c>""</c> for the default integration) before the
/// first token is needed; <c>Clarify.Typed.Redis</c>'s <c>UseDistributedTokenCache()</c> does.
/// A store must never fail a caller because of its own storage: when that is down, it calls
/// <see cref="ClarifyTokenStoreRequest.FetchAsync"/> itself.
/// </remarks>
public interface IClarifyTokenStore
{
    /// <summary>
    /// A token that <see cref="ClarifyTokenStoreRequest.IsUsable"/> accepts: one another instance
    /// shared, or else one from <see cref="ClarifyTokenStoreRequest.FetchAsync"/>, shared for the others.
    /// </summary>
    /// <param name="request">The credentials, the cache's rules for a usable token, and the one request to the token endpoint.</param>
    /// <param name="cancellationToken">Fires after <see cref="ClarifyTokenCacheOptions.RequestTimeout"/>: give up waiting for others by then.</param>
    /// <returns>The token; the endpoint's <see cref="ClarifyAuthenticationException"/> when the fetch failed.</returns>
    Task<ClarifySharedToken> GetOrFetchAsync(ClarifyTokenStoreRequest request, CancellationToken cancellationToken);
}
