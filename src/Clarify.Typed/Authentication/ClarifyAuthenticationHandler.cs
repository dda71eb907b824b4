using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Credentials;
using Clarify.Typed.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clarify.Typed.Authentication;

/// <summary>
/// Authenticates every request to Clarify: adds <c>Authorization</c> (a cached Bearer token, or
/// HTTP Basic for basic-auth credentials), <c>X-API-Version</c> and a <c>User-Agent</c> naming
/// this library, and replays a request once with a new token when the API answers 401.
/// </summary>
/// <remarks>
/// Credentials only go to the origin (scheme, host, port) of <see cref="ClarifyOptions.ApiUrl"/>,
/// and never over plain http unless the host is loopback: any other request fails with a
/// <see cref="ClarifyAuthenticationException"/> before anything is sent. A 401 that survives the
/// replay (or any 401 with basic-auth credentials) also raises it, with the server's
/// <c>WWW-Authenticate</c> error fields.
/// </remarks>
public sealed class ClarifyAuthenticationHandler : DelegatingHandler
{
    /// <summary>The <c>X-API-Version</c> sent when a request names none: the stable version Clarify's SDKs use.</summary>
    public const string DefaultApiVersion = "1.1";

    private const string ApiVersionHeader = "X-API-Version";

    private const string UserAgentHeader = "User-Agent";

    private static readonly string UserAgent = "Clarify.Typed/" + ClarifyTelemetry.Version;

    private readonly ClarifyOptions _options;
    private readonly string _apiOriginPrefix;
    private readonly ClarifyTokenCache? _tokenCache;
    private readonly AuthenticationHeaderValue? _basic;
    private readonly ILogger _logger;
    private readonly ClarifyMetrics _metrics;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Where requests may go and which credentials to use.</param>
    /// <param name="tokenCache">
    /// The token cache shared by every client with these credentials; required for client
    /// credentials, ignored (may be <see langword="null"/>) for basic-auth credentials.
    /// </param>
    /// <param name="logger">Receives 401 replays and refused requests; never a secret or a token.</param>
    /// <exception cref="ClarifyConfigurationException">Client credentials without a token cache, or a cache for other options.</exception>
    public ClarifyAuthenticationHandler(ClarifyOptions options, ClarifyTokenCache? tokenCache, ILogger<ClarifyAuthenticationHandler>? logger = null)
        : this(options, tokenCache, logger, ClarifyMetrics.Shared)
    {
    }

    /// <summary>Creates the handler recording on <paramref name="metrics"/>: its container's meter, with DI.</summary>
    internal ClarifyAuthenticationHandler(ClarifyOptions options, ClarifyTokenCache? tokenCache, ILogger<ClarifyAuthenticationHandler>? logger, ClarifyMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _metrics = metrics;
        _apiOriginPrefix = options.ApiUrl.GetLeftPart(UriPartial.Authority) + "/";
        _logger = logger ?? (ILogger)NullLogger.Instance;
        if (options.Credential.Type == ClarifyCredentialType.BasicAuth)
        {
            _basic = new AuthenticationHeaderValue(
                "Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Credential.ClientId + ":" + options.Credential.ClientSecret)));
            return;
        }

        if (tokenCache is null)
        {
            throw new ClarifyConfigurationException(
                "ClarifyAuthenticationHandler needs a ClarifyTokenCache for client-credentials: create one per credentials with ClarifyTokenCache.Create(options) and share it");
        }

        // Tokens belong to credentials at one API; the integration's name or id does not change them.
        if (tokenCache.Options.ApiUrl != options.ApiUrl || !tokenCache.Options.Credential.Equals(options.Credential))
        {
            throw new ClarifyConfigurationException(
                $"the ClarifyTokenCache given to ClarifyAuthenticationHandler holds tokens for {tokenCache.Options.Credential} at {tokenCache.Options.ApiUrl}, not for {options.Credential} at {options.ApiUrl}: give each credentials its own cache");
        }

        _tokenCache = tokenCache;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The request leaves this handler as it came in, whatever the outcome: the credentials and
    /// the headers added here are taken off again. An outer handler (a resilience retry) may send
    /// the same message again, past IHttpClientFactory's inner logging handler, whose structured
    /// state holds raw header values.
    /// </remarks>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureCredentialsMayGoTo(request.RequestUri);
        HttpRequestHeaders headers = request.Headers;
        AuthenticationHeaderValue? authorizationFound = headers.Authorization;
        bool addedApiVersion = AddIfAbsent(headers, ApiVersionHeader, DefaultApiVersion);
        bool addedUserAgent = AddIfAbsent(headers, UserAgentHeader, UserAgent);

        // One async method, not two: the hot path keeps a single state machine per call.
        try
        {
            if (_basic is not null)
            {
                headers.Authorization = _basic;
                HttpResponseMessage basicResponse = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                return basicResponse.StatusCode == HttpStatusCode.Unauthorized
                    ? throw Rejected(basicResponse, "the basic-auth credentials: check credentials.clientId and credentials.clientSecret")
                    : basicResponse;
            }

            await MakeReplayableAsync(request.Content).ConfigureAwait(false);
            AccessToken token = await _tokenCache!.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            headers.Authorization = token.Header;
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }

            // The token may have been revoked or the server restarted: one new token, one replay, no loop.
            response.Dispose();
            _tokenCache.Invalidate(token);
            AuthenticationLog.ReplayingAfterUnauthorized(_logger, request.Method.Method, request.RequestUri!.AbsolutePath);
            _metrics.UnauthorizedReplayed();
            token = await _tokenCache.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            headers.Authorization = token.Header;
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.Unauthorized
                ? throw Rejected(response, "a freshly fetched access token: check that the integration still exists and has access to the API")
                : response;
        }
        finally
        {
            headers.Authorization = authorizationFound;
            if (addedApiVersion)
            {
                headers.Remove(ApiVersionHeader);
            }

            if (addedUserAgent)
            {
                headers.Remove(UserAgentHeader);
            }
        }
    }

    private void EnsureCredentialsMayGoTo(Uri? target)
    {
        // Hot path, without allocating: a URI whose text starts with the api URL's exact
        // "scheme://host[:port]/" has its origin, and that origin passed the https rule already.
        if (target is not null && target.IsAbsoluteUri && target.OriginalString.StartsWith(_apiOriginPrefix, StringComparison.Ordinal))
        {
            return;
        }

        Uri api = _options.ApiUrl;
        if (target is null || !target.IsAbsoluteUri)
        {
            throw new ClarifyAuthenticationException(
                $"A request through ClarifyAuthenticationHandler has no absolute URI ('{target}'): set HttpClient.BaseAddress to ClarifyOptions.ApiUrl ({api}).");
        }

        bool sameOrigin = Uri.Compare(target, api, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
        bool secure = target.Scheme == Uri.UriSchemeHttps || CredentialRules.IsLoopbackHost(target.Host);
        if (sameOrigin && secure)
        {
            return;
        }

        string origin = target.GetLeftPart(UriPartial.Authority);
        string apiOrigin = api.GetLeftPart(UriPartial.Authority);
        AuthenticationLog.CredentialsRefused(_logger, origin, apiOrigin);
        throw new ClarifyAuthenticationException(secure
            ? $"Refused to send Clarify credentials to {origin}: this HttpClient authenticates with Clarify and sends credentials only to {apiOrigin}, the origin of ClarifyOptions.ApiUrl. Use a separate HttpClient for other hosts."
            : $"Refused to send Clarify credentials over plain http to {origin}, which is not a loopback host: they would travel in clear text. Use https.");
    }

    /// <summary>Adds a header the request does not name yet (a caller's own value wins); true when added.</summary>
    private static bool AddIfAbsent(HttpRequestHeaders headers, string name, string value) =>
        !headers.Contains(name) && headers.TryAddWithoutValidation(name, value);

    /// <summary>
    /// Buffers a body that could not be sent twice (a stream, say), so a 401 can be replayed.
    /// Bodies held in memory or serialised from an object (a streamed insert among them) are
    /// resent as they are, so a large insert is never copied into memory.
    /// </summary>
    private static Task MakeReplayableAsync(HttpContent? content) =>
        content is null or ByteArrayContent or ReadOnlyMemoryContent or JsonContent or IReplayableContent
            ? Task.CompletedTask
            : content.LoadIntoBufferAsync();

    private static ClarifyAuthenticationException Rejected(HttpResponseMessage response, string what)
    {
        // Raw values: a challenge that fails strict parsing still carries useful error fields.
        string? challenge = response.Headers.TryGetValues("WWW-Authenticate", out var values) ? string.Join(", ", values) : null;
        string? error = ChallengeParameter(challenge, "error");
        string? description = ChallengeParameter(challenge, "error_description");
        string server = error is null ? string.Empty : description is null ? $" ({error})" : $" ({error}: {description})";
        response.Dispose();
        return new ClarifyAuthenticationException(
            $"Clarify answered 401 Unauthorized{server} to {what}.", HttpStatusCode.Unauthorized, error, description);
    }

    /// <summary>Reads <c>name="value"</c> from a challenge such as <c>Bearer error="invalid_token", error_description="expired"</c>.</summary>
    private static string? ChallengeParameter(string? challenge, string name)
    {
        if (challenge is null)
        {
            return null;
        }

        string key = name + "=";
        for (int at = challenge.IndexOf(key, StringComparison.OrdinalIgnoreCase); at >= 0; at = challenge.IndexOf(key, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            // Whole parameter names only: "error=" must not match inside "my_error=".
            if (at > 0 && (char.IsLetterOrDigit(challenge[at - 1]) || challenge[at - 1] == '_'))
            {
                continue;
            }

            int start = at + key.Length;
            bool quoted = start < challenge.Length && challenge[start] == '"';
            int end = quoted ? challenge.IndexOf('"', start + 1) : challenge.IndexOfAny([',', ' '], start);
            string value = quoted
                ? challenge[(start + 1)..(end < 0 ? challenge.Length : end)]
                : challenge[start..(end < 0 ? challenge.Length : end)];
            return value.Length == 0 ? null : value;
        }

        return null;
    }
}
