using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// How a <see cref="ClarifyWriter"/> is doing, for <c>services.AddHealthChecks().AddClarifyWriter()</c>:
/// the registration's failure status (Unhealthy by default) when Clarify refuses the credentials or
/// the writer is disposed; Degraded when the oldest pending point is older than
/// <see cref="ClarifyWriterHealthCheckOptions.MaxPendingAge"/> or points were dead-lettered;
/// Healthy otherwise. Its data holds counts, ages and the writer's status and last error message:
/// never a value, a secret or a token.
/// </summary>
public sealed class ClarifyWriterHealthCheck : IHealthCheck
{
    private readonly ClarifyWriter _writer;
    private readonly ClarifyWriterHealthCheckOptions _options;

    /// <summary>Creates the check of one writer.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="options">The thresholds; defaults when null.</param>
    public ClarifyWriterHealthCheck(ClarifyWriter writer, ClarifyWriterHealthCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _options = options ?? new ClarifyWriterHealthCheckOptions();
        _options.Validate();
    }

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(Check(context.Registration?.FailureStatus ?? HealthStatus.Unhealthy));
    }

    private HealthCheckResult Check(HealthStatus failureStatus)
    {
        ClarifyWriterStatus status = _writer.Status;
        ClarifyException? lastError = _writer.LastError;
        long pending = _writer.PendingPoints;
        TimeSpan? oldest = _writer.OldestPendingAge;
        long deadLettered = _writer.DeadLetteredPoints;
        var data = new Dictionary<string, object>
        {
            ["status"] = status.ToString(),
            ["pending_points"] = pending,
            ["oldest_pending_age_seconds"] = (oldest ?? TimeSpan.Zero).TotalSeconds,
            ["dead_lettered_points"] = deadLettered,
        };
        if (lastError is not null)
        {
            data["last_error"] = lastError.Message;
        }

        if (status == ClarifyWriterStatus.AuthenticationFailed)
        {
            return new HealthCheckResult(failureStatus, $"Clarify refuses the writer's credentials or the integration's access; sending is paused and {pending} points wait in the store. Fix the credentials or the integration's access in Clarify.", lastError, data);
        }

        if (status == ClarifyWriterStatus.Disposed)
        {
            return new HealthCheckResult(failureStatus, $"The Clarify writer is disposed; {pending} points were left in the store.", data: data);
        }

        if (oldest > _options.MaxPendingAge)
        {
            string why = lastError is null ? "Clarify takes points slower than they come" : $"inserts fail: {lastError.Message}";
            return HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"The oldest of {pending} pending points has waited {oldest.Value.TotalSeconds:0} s, over {_options.MaxPendingAge.TotalSeconds:0} s ({why})."),
                lastError,
                data);
        }

        if (_options.DegradedOnDeadLetters && deadLettered > 0)
        {
            return HealthCheckResult.Degraded($"Clarify refused {deadLettered} points for their content since the writer started; they are in the store's dead letters.", data: data);
        }

        return HealthCheckResult.Healthy($"{pending} points pending.", data);
    }
}
