using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Refit;

namespace Clarify.Typed.Authentication;

/// <summary>
/// Asks Clarify's token endpoint for a token and turns every answer that is not a usable
/// Bearer token into a <see cref="ClarifyAuthenticationException"/> that names the status and
/// the server's OAuth fields. Raw bodies never reach a message: they may hold a token.
/// </summary>
internal sealed class TokenEndpoint
{
    private const int MaxServerTextLength = 500;

    // Longer lifetimes are treated as this, so date arithmetic cannot overflow.
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    private readonly IClarifyTokenApi _api;
    private readonly ClarifyOptions _options;
    private readonly ClarifyTokenCacheOptions _cacheOptions;
    private readonly TimeProvider _time;

    public TokenEndpoint(HttpClient httpClient, ClarifyOptions options, ClarifyTokenCacheOptions cacheOptions, TimeProvider time)
    {
        if (httpClient.BaseAddress is null)
        {
            httpClient.BaseAddress = options.ApiUrl;
        }
        else if (httpClient.BaseAddress != options.ApiUrl)
        {
            throw new ClarifyConfigurationException(
                $"the HttpClient given to ClarifyTokenCache has BaseAddress '{httpClient.BaseAddress}', but the token endpoint is below ClarifyOptions.ApiUrl '{options.ApiUrl}': leave BaseAddress unset or set it to the api URL");
        }

        // ForGenerated never falls back to Refit's reflection request builder or reflection-based JSON.
        _api = RestService.ForGenerated<IClarifyTokenApi>(httpClient, AuthenticationJsonContext.Default);
        _options = options;
        _cacheOptions = cacheOptions;
        _time = time;
    }

    /// <summary>Requests one token.</summary>
    /// <param name="backoff">Gives the back-off to announce when the endpoint is rate limited or failing.</param>
    /// <param name="timeout">Fires when the request has taken too long; callers' own tokens never reach here.</param>
    public async Task<AccessToken> RequestAsync(TokenBackoff backoff, CancellationToken timeout)
    {
        DateTimeOffset requestedAt = _time.GetUtcNow();
        try
        {
            using var form = new FormUrlEncodedContent(
            [
                new KeyValuePair<string, string>("grant_type", "client_credentials"),
                new KeyValuePair<string, string>("client_id", _options.Credential.ClientId),
                new KeyValuePair<string, string>("client_secret", _options.Credential.ClientSecret),
                new KeyValuePair<string, string>("audience", _options.Audience),
            ]);
            using HttpResponseMessage response = await _api.RequestTokenAsync(form, timeout).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(timeout).ConfigureAwait(false);
            return Interpret(response, body, requestedAt, backoff);
        }
        catch (OperationCanceledException ex)
        {
            throw TimedOut(ex);
        }
        catch (ApiRequestException ex)
        {
            // Refit's wrapper holds the request, form and secret included: keep only the transport's error.
            Exception cause = ex.InnerException ?? ex;
            throw cause is OperationCanceledException canceled ? TimedOut(canceled) : Unreachable(cause);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }
    }

    /// <summary>The error for a token request, or a wait for a shared one, that outlasted <see cref="ClarifyTokenCacheOptions.RequestTimeout"/>.</summary>
    internal ClarifyAuthenticationException TimedOut(OperationCanceledException cause) =>
        new($"Clarify's token endpoint {_options.TokenUrl} did not answer within {_cacheOptions.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (ClarifyTokenCacheOptions.RequestTimeout). The next call asks again.",
            innerException: cause);

    private ClarifyAuthenticationException Unreachable(Exception cause) =>
        new($"Could not reach Clarify's token endpoint {_options.TokenUrl}: {cause.Message} Check the network and the apiUrl of the credentials. The next call asks again.",
            innerException: cause);

    private AccessToken Interpret(HttpResponseMessage response, string body, DateTimeOffset requestedAt, TokenBackoff backoff)
    {
        TokenEndpointResponse? parsed = Parse(body);
        HttpStatusCode status = response.StatusCode;
        string? error = ServerText(parsed?.Error, parsed?.AccessToken);
        string? description = ServerText(parsed?.ErrorDescription, parsed?.AccessToken);

        if (!response.IsSuccessStatusCode || error is not null)
        {
            throw Refusal(response, error, description, backoff);
        }

        string? problem = parsed switch
        {
            null => $"is not a JSON object (Content-Type '{response.Content.Headers.ContentType?.MediaType ?? "none"}', {body.Length} characters)",
            { AccessToken: null or "" } => "has no access_token",
            { TokenType: null } => "has no token_type",
            { TokenType: var type } when !string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase) =>
                $"has token_type '{Shorten(ServerText(type, parsed.AccessToken))}' where Clarify always sends 'Bearer'",
            { ExpiresIn: null } => "has no expires_in",
            { ExpiresIn: var seconds } when !(seconds > 0) || double.IsInfinity(seconds.Value) =>
                $"has expires_in {seconds!.Value.ToString(CultureInfo.InvariantCulture)}, which is not a positive number of seconds",
            _ => null,
        };
        if (problem is not null)
        {
            throw new ClarifyAuthenticationException(
                $"Clarify's token endpoint {_options.TokenUrl} answered {Describe(status)} but the body {problem}, so it is not a usable access token. Check that apiUrl points at Clarify (or a faithful emulator); the next call asks again.",
                status, error, description);
        }

        double lifetimeSeconds = Math.Min(parsed!.ExpiresIn!.Value, MaxLifetime.TotalSeconds);
        return new AccessToken(parsed.AccessToken!, TimeSpan.FromSeconds(lifetimeSeconds), requestedAt, _cacheOptions.ExpirySkew, _cacheOptions.RefreshAhead);
    }

    private ClarifyAuthenticationException Refusal(HttpResponseMessage response, string? error, string? description, TokenBackoff backoff)
    {
        HttpStatusCode status = response.StatusCode;
        string server = error is null ? string.Empty : description is null ? $" ({error})" : $" ({error}: {description})";
        string what = $"Clarify's token endpoint {_options.TokenUrl} answered {Describe(status)}{server}.";

        if (status == HttpStatusCode.TooManyRequests || (int)status >= 500)
        {
            TimeSpan delay = backoff.Next(ServerRetryAfter(response));
            string cause = status == HttpStatusCode.TooManyRequests ? "Token requests are rate limited" : "Clarify has a problem";
            return new ClarifyAuthenticationException(
                $"{what} {cause}: calls fail with this error for {delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s, then the token is requested again.",
                status, error, description, delay);
        }

        string fix = status switch
        {
            HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed => "Check apiUrl in the credentials: it must be the API root, such as https://api.clarify.io/v1/.",
            HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"Check credentials.clientId ('{_options.Credential.ClientId}') and credentials.clientSecret, and that the integration still exists; download the credentials again from the Integration tab of Clarify's admin UI if the secret was reset.",
            _ when (int)status >= 300 && (int)status < 400 => "Redirects are not followed, so the client secret cannot travel elsewhere: check apiUrl.",
            _ => "The next call asks again.",
        };
        return new ClarifyAuthenticationException($"{what} {fix}", status, error, description);
    }

    private TimeSpan? ServerRetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        return retryAfter.Delta ?? (retryAfter.Date is { } date ? date - _time.GetUtcNow() : null);
    }

    private static TokenEndpointResponse? Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, AuthenticationJsonContext.Default.TokenEndpointResponse);
        }
        catch (JsonException)
        {
            // Not JSON, or JSON of another shape: reported as such by the caller.
            return null;
        }
    }

    /// <summary>Server-sent text for a message: trimmed in length, with the secret and the token blanked should a server echo them.</summary>
    private string? ServerText(string? text, string? accessToken)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        string clean = text.Replace(_options.Credential.ClientSecret, "***", StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(accessToken))
        {
            clean = clean.Replace(accessToken, "***", StringComparison.Ordinal);
        }

        return clean.Length <= MaxServerTextLength ? clean : string.Concat(clean.AsSpan(0, MaxServerTextLength), "…");
    }

    private static string? Shorten(string? text) => text is { Length: > 40 } ? string.Concat(text.AsSpan(0, 40), "…") : text;

    private static string Describe(HttpStatusCode status) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)status} {status}");
}
