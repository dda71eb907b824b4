using System;
using System.Net;

namespace Clarify.Typed;

/// <summary>
/// Authenticating with Clarify failed: the token endpoint refused the credentials, was
/// unreachable, rate limited, slow or broken, the API rejected a fresh token, or a request
/// would have sent credentials where they do not belong. The message says what to fix; it
/// never contains the client secret or an access token.
/// </summary>
public sealed class ClarifyAuthenticationException : ClarifyException
{
    internal ClarifyAuthenticationException(
        string message,
        HttpStatusCode? statusCode = null,
        string? error = null,
        string? errorDescription = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Error = error;
        ErrorDescription = errorDescription;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status the server answered with, or <see langword="null"/> when there was no answer.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The OAuth <c>error</c> code the server sent (such as <c>invalid_client</c>), if any.</summary>
    public string? Error { get; }

    /// <summary>The OAuth <c>error_description</c> the server sent, if any.</summary>
    public string? ErrorDescription { get; }

    /// <summary>
    /// For a rate-limited (429) or failing (5xx) token endpoint: how long the cache waits before
    /// asking again. Calls during that time fail with this same exception.
    /// </summary>
    public TimeSpan? RetryAfter { get; }
}
