using System;
using System.Collections.Generic;
using Clarify.Typed.Ingestion;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the health check of a <see cref="ClarifyWriter"/> registered with <c>AddWriter</c>.</summary>
public static class ClarifyWriterHealthCheckBuilderExtensions
{
    /// <summary>The check's name for the default integration; a named one's is <c>clarify-writer:</c> and its name.</summary>
    public const string DefaultName = "clarify-writer";

    /// <summary>
    /// Adds a <see cref="ClarifyWriterHealthCheck"/> of the integration's writer: failure status on
    /// refused credentials, Degraded when points wait too long or were dead-lettered, else Healthy.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="integration">The integration whose writer to check (its <c>AddClarify</c> name); the default integration when empty.</param>
    /// <param name="configure">Sets the thresholds.</param>
    /// <param name="name">The check's name; <see cref="DefaultName"/> (with <c>:</c> and the integration's name for a named one) when null.</param>
    /// <param name="failureStatus">What a failure reports; <see cref="HealthStatus.Unhealthy"/> when null.</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>ready</c>).</param>
    /// <param name="timeout">How long the check may take; no limit when null (it does not wait on anything).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddClarifyWriter(
        this IHealthChecksBuilder builder,
        string integration = "",
        Action<ClarifyWriterHealthCheckOptions>? configure = null,
        string? name = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(integration);
        var options = new ClarifyWriterHealthCheckOptions();
        configure?.Invoke(options);
        options.Validate();
        return builder.Add(new HealthCheckRegistration(
            name ?? (integration.Length == 0 ? DefaultName : DefaultName + ":" + integration),
            sp => new ClarifyWriterHealthCheck(sp.GetRequiredKeyedService<ClarifyWriter>(integration), options),
            failureStatus,
            tags,
            timeout));
    }
}
