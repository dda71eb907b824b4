using System;
using System.Globalization;
using System.Net;

namespace Clarify.Typed;

/// <summary>
/// Clarify answered with a non-success HTTP status: the call never reached the method. The body
/// excerpt is bounded and headers are never kept, so no token can leak through this exception.
/// </summary>
public sealed class ClarifyHttpException : ClarifyException
{
    /// <summary>The most body characters kept in <see cref="BodyExcerpt"/>.</summary>
    public const int MaxExcerptLength = 1024;

    /// <summary>Creates the exception.</summary>
    /// <param name="method">The JSON-RPC method that was called.</param>
    /// <param name="statusCode">The HTTP status received.</param>
    /// <param name="body">The response body, or null; only the first <see cref="MaxExcerptLength"/> characters are kept.</param>
    /// <param name="innerException">The transport failure when no response arrived.</param>
    public ClarifyHttpException(string method, HttpStatusCode? statusCode, string? body, Exception? innerException = null)
        : base(Describe(method, statusCode, Excerpt(body), innerException), innerException)
    {
        Method = method;
        StatusCode = statusCode;
        BodyExcerpt = Excerpt(body);
    }

    /// <summary>The JSON-RPC method that was called.</summary>
    public string Method { get; }

    /// <summary>The HTTP status received, or null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The start of the response body (at most <see cref="MaxExcerptLength"/> characters).</summary>
    public string BodyExcerpt { get; }

    /// <summary>
    /// How long the server asked the client to wait (its <c>Retry-After</c>, e.g. with a 429 or
    /// 503), or null when it did not say.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The start of a text from the server, at most <see cref="MaxExcerptLength"/> characters, for a message.</summary>
    internal static string Excerpt(string? body) =>
        body is null ? string.Empty : body.Length <= MaxExcerptLength ? body : body[..MaxExcerptLength] + "…";

    private static string Describe(string method, HttpStatusCode? received, string excerpt, Exception? innerException)
    {
        if (received is not HttpStatusCode statusCode)
        {
            string cause = innerException is null ? string.Empty : $" ({innerException.Message})";
            return $"Clarify could not be reached for {method}{cause}: check the network and ClarifyOptions.ApiUrl.";
        }

        string advice = statusCode switch
        {
            HttpStatusCode.Unauthorized => " The access token is missing, invalid or expired: check the integration's credentials.",
            HttpStatusCode.Forbidden => " The integration is not allowed to call this method.",
            HttpStatusCode.RequestEntityTooLarge => " The request is too large: lower ClarifyClientOptions.MaxRequestBytes.",
            HttpStatusCode.TooManyRequests => " Too many requests: keep the client-side rate limits on.",
            HttpStatusCode.NotFound => " Check that ClarifyOptions.ApiUrl points at the API root (it ends in /v1/).",
            _ => string.Empty,
        };
        string body = excerpt.Length == 0 ? string.Empty : $" Body: {excerpt}";
        return string.Create(CultureInfo.InvariantCulture, $"Clarify answered {method} with HTTP {(int)statusCode} {statusCode}.{advice}{body}");
    }
}
