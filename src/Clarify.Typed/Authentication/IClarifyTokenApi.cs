using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Refit;

namespace Clarify.Typed.Authentication;

/// <summary>
/// Clarify's OAuth 2.0 token endpoint, <c>POST {apiUrl}oauth/token</c>. The raw response is
/// returned so that error statuses and malformed bodies become typed errors with the
/// server's own fields, and so the body is parsed with the source-generated JSON context.
/// </summary>
internal interface IClarifyTokenApi
{
    /// <summary>Sends a client-credentials grant; the form is built by <see cref="TokenEndpoint"/>.</summary>
    /// <remarks>
    /// The form goes in as ready-made <see cref="HttpContent"/>: Refit's url-encoded body
    /// serialisation of objects reflects over properties, which trimming and AOT cannot see.
    /// </remarks>
    [Post("/oauth/token")]
    Task<HttpResponseMessage> RequestTokenAsync([Body] HttpContent form, CancellationToken cancellationToken);
}
