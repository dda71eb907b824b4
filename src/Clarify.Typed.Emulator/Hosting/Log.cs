using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Emulator.Hosting;

/// <summary>The emulator's log messages. None of them carries a secret or a token.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Issued an access token to client {ClientId}, valid {LifetimeSeconds} s")]
    public static partial void TokenIssued(ILogger logger, string clientId, double lifetimeSeconds);

    [LoggerMessage(2, LogLevel.Warning, "Token request refused: {Error} ({Description})")]
    public static partial void TokenRefused(ILogger logger, string error, string description);

    [LoggerMessage(3, LogLevel.Warning, "RPC request refused with HTTP {StatusCode}: {Reason}")]
    public static partial void RpcRefused(ILogger logger, int statusCode, string reason);

    [LoggerMessage(4, LogLevel.Information, "{Method} -> {Outcome}")]
    public static partial void RpcServed(ILogger logger, string method, string outcome);

    [LoggerMessage(5, LogLevel.Information, "{Method} waits {WaitMilliseconds} ms for its rate limit")]
    public static partial void RpcQueued(ILogger logger, string method, double waitMilliseconds);

    [LoggerMessage(6, LogLevel.Error, "{Method} failed inside the emulator")]
    public static partial void RpcCrashed(ILogger logger, System.Exception exception, string method);

    [LoggerMessage(7, LogLevel.Information, "Injected fault: HTTP {StatusCode} for {Endpoint}")]
    public static partial void FaultInjected(ILogger logger, int statusCode, string endpoint);
}
