using System;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Authentication;

/// <summary>
/// Every log line of the authentication pipeline. None takes a token or a secret as an
/// argument, so none can print one.
/// </summary>
internal static partial class AuthenticationLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Fetched a Clarify access token for client {ClientId} valid for {Lifetime}; refresh from {RefreshAt:O}, expiry {ExpiresAt:O}")]
    public static partial void TokenFetched(ILogger logger, string clientId, TimeSpan lifetime, DateTimeOffset refreshAt, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug,
        Message = "Refreshing the Clarify access token for client {ClientId} in the background; the current one stays in use until {ExpiresAt:O}")]
    public static partial void RefreshAheadStarted(ILogger logger, string clientId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Clarify token request for client {ClientId} failed ({StatusCode}): {Reason}")]
    public static partial void TokenRequestFailed(ILogger logger, string clientId, int? statusCode, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Backing off the Clarify token endpoint for client {ClientId} for {Delay} after {Failures} failure(s) in a row")]
    public static partial void BackingOff(ILogger logger, string clientId, TimeSpan delay, int failures);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information,
        Message = "Clarify answered 401 to {Method} {Path}; fetching a new access token and replaying the request once")]
    public static partial void ReplayingAfterUnauthorized(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error,
        Message = "Refused to send Clarify credentials to {Origin}: only {ApiOrigin} may receive them")]
    public static partial void CredentialsRefused(ILogger logger, string origin, string apiOrigin);

    /// <summary>
    /// Follows <see cref="TokenRequestFailed"/>, which carries the reason, when the failed request
    /// was a refresh ahead: says that nothing failed yet for callers, and until when that holds.
    /// </summary>
    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning,
        Message = "A background refresh of the Clarify access token for client {ClientId} failed; the current token stays in use until {ExpiresAt:O}, and the next background refresh waits until {NextAttemptAt:O}")]
    public static partial void RefreshAheadFailed(ILogger logger, string clientId, DateTimeOffset expiresAt, DateTimeOffset nextAttemptAt);
}
