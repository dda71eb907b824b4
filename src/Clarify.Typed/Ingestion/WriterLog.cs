using System;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Ingestion;

/// <summary>Every log line of <see cref="ClarifyWriter"/>. They carry counts, input keys and Clarify's error messages: never a value, a secret or a token.</summary>
internal static partial class WriterLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "Clarify writer: an insert of {Points} points failed ({Reason}); retry {Retry} in {Delay}, the points stay in the store")]
    public static partial void Retrying(ILogger logger, int points, string reason, int retry, TimeSpan delay);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error,
        Message = "Clarify writer: Clarify refused the credentials or the integration's access; sending is paused and retried in {Delay}, {Pending} points stay in the store. {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, TimeSpan delay, long pending, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error,
        Message = "Clarify writer: Clarify refused {Points} points of input keys {InputKeys} for their content; they are dead-lettered and the rest goes on. {Reason}")]
    public static partial void DeadLettered(ILogger logger, int points, string inputKeys, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information,
        Message = "Clarify writer: sending again after {Retries} failed tries")]
    public static partial void Recovered(ILogger logger, int retries);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning,
        Message = "Clarify writer: disposed after {Timeout} with {Pending} points not yet acknowledged; they stay in the store")]
    public static partial void DisposedWithPending(ILogger logger, TimeSpan timeout, long pending);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error,
        Message = "Clarify writer: a DeadLettered handler threw; the writer goes on")]
    public static partial void DeadLetterHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error,
        Message = "Clarify writer: reading, sending or acknowledging pending points failed unexpectedly; trying again in {Delay}, the points stay in the store")]
    public static partial void ConsumerFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning,
        Message = "Clarify writer: the host's shutdown timeout ended the flush with {Pending} points not yet acknowledged; they stay in the store")]
    public static partial void ShutdownEndedFlush(ILogger logger, long pending);
}
