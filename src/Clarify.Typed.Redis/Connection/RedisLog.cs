using System;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Redis.Connection;

/// <summary>Every log line of Clarify.Typed.Redis. None takes a token, a secret or a cache value as an argument.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Redis is unavailable or slow ({ErrorType}); {What} alone, and tries Redis again after {RetryAfter}")]
    public static partial void Unavailable(ILogger logger, string errorType, string what, TimeSpan retryAfter);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information,
        Message = "Redis answers again; sharing the Clarify token and pace resumes")]
    public static partial void Available(ILogger logger);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning,
        Message = "Ignored the shared Clarify token entry {Key} for client {ClientId}: it does not decrypt with this client's secret (written under other credentials, or altered); a new token replaces it")]
    public static partial void EntryRejected(ILogger logger, string key, string clientId);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug,
        Message = "Ignored the shared Clarify token entry {Key} for client {ClientId} again: it does not decrypt with this client's secret")]
    public static partial void EntryRejectedAgain(ILogger logger, string key, string clientId);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Debug,
        Message = "Took the Clarify access token another instance shared for client {ClientId}; expiry {ExpiresAt:O}")]
    public static partial void SharedTokenTaken(ILogger logger, string clientId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Debug,
        Message = "Another instance is fetching the Clarify access token for client {ClientId}; waiting for it")]
    public static partial void WaitingForOtherInstance(ILogger logger, string clientId);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning,
        Message = "No other instance shared a Clarify access token for client {ClientId} within {Waited}; fetching one here")]
    public static partial void GaveUpWaiting(ILogger logger, string clientId, TimeSpan waited);
}
