using System.Diagnostics;
using System.Reflection;

namespace Clarify.Typed.Diagnostics;

/// <summary>
/// The names under which Clarify.Typed reports traces and metrics, for
/// <c>AddSource(ClarifyTelemetry.Name)</c> / <c>AddMeter(ClarifyTelemetry.Name)</c> in OpenTelemetry.
/// Tags carry method names and outcomes only: never a secret, token or payload.
/// </summary>
public static class ClarifyTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>Clarify.Typed</c>.</summary>
    public const string Name = "Clarify.Typed";

    /// <summary>Histogram of RPC call durations in seconds, tagged <c>rpc.method</c> and <c>outcome</c>.</summary>
    public const string RpcDurationInstrument = "clarify.rpc.duration";

    /// <summary>Counter of token requests sent to the token endpoint, tagged <c>outcome</c>.</summary>
    public const string TokenFetchesInstrument = "clarify.token.fetches";

    /// <summary>Counter of requests replayed after a 401 with a fresh token.</summary>
    public const string UnauthorizedReplaysInstrument = "clarify.auth.replays";

    /// <summary>Counter of insert requests sent, one per chunk.</summary>
    public const string InsertChunksInstrument = "clarify.insert.chunks";

    /// <summary>Histogram of time spent waiting for the client-side rate limiter, in seconds, tagged <c>rpc.method</c>.</summary>
    public const string RateLimiterWaitInstrument = "clarify.ratelimiter.wait";

    /// <summary>Counter of points a <c>ClarifyWriter</c> stored for sending.</summary>
    public const string WriterPointsWrittenInstrument = "clarify.writer.points.written";

    /// <summary>Counter of points Clarify acknowledged (their insert succeeded).</summary>
    public const string WriterPointsAcknowledgedInstrument = "clarify.writer.points.acknowledged";

    /// <summary>Gauge of points stored and not yet acknowledged, over every live writer.</summary>
    public const string WriterPointsPendingInstrument = "clarify.writer.points.pending";

    /// <summary>Gauge of the age in seconds of the oldest pending point, over every live writer.</summary>
    public const string WriterOldestPendingAgeInstrument = "clarify.writer.oldest_pending_age";

    /// <summary>Counter of failed inserts the writer retries, tagged <c>outcome</c> (<c>transient</c> or <c>authentication</c>).</summary>
    public const string WriterRetriesInstrument = "clarify.writer.retries";

    /// <summary>Counter of points Clarify refused for their content, moved to the dead letters.</summary>
    public const string WriterDeadLetteredInstrument = "clarify.writer.points.dead_lettered";

    /// <summary>The library's informational version, for the meter, the activity source and the User-Agent.</summary>
    internal static readonly string Version =
        typeof(ClarifyTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ClarifyTelemetry).Assembly.GetName().Version?.ToString()
        ?? "0";

    /// <summary>
    /// Static, unlike the meter (see <see cref="ClarifyMetrics"/>): .NET has no factory for activity
    /// sources, and listeners tell traces apart by their trace id, not by the source's owner.
    /// </summary>
    internal static readonly ActivitySource ActivitySource = new(Name, Version);
}
