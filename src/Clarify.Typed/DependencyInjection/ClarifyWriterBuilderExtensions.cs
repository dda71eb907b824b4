using System;
using Clarify.Typed;
using Clarify.Typed.DependencyInjection;
using Clarify.Typed.Ingestion;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="ClarifyWriter"/> for an integration added with <c>AddClarify</c>.</summary>
public static class ClarifyWriterBuilderExtensions
{
    /// <summary>
    /// Registers one <see cref="ClarifyWriter"/> (a singleton) over the integration's
    /// <see cref="ClarifyClient"/>: resolve it directly for the default integration, or keyed by
    /// <see cref="IClarifyBuilder.Name"/>. The container's <see cref="TimeProvider"/> and
    /// <see cref="ILoggerFactory"/> are used unless the options name others. Under a host, a hosted
    /// service starts the writer with the host and, once every hosted service has stopped, flushes it
    /// for at most <see cref="ClarifyWriterOptions.DisposeTimeout"/> (or until the host's shutdown
    /// timeout) and leaves the rest in its store, logging how much. Without a host, disposing the
    /// container does the same. The writer records its metrics on the container's meter.
    /// </summary>
    /// <param name="builder">The integration.</param>
    /// <param name="configure">Sets the writer's options (named after the integration).</param>
    /// <returns>The builder.</returns>
    public static IClarifyBuilder AddWriter(this IClarifyBuilder builder, Action<ClarifyWriterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        OptionsBuilder<ClarifyWriterOptions> options = builder.Services.AddOptions<ClarifyWriterOptions>(builder.Name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddKeyedSingleton(builder.Name, static (sp, key) =>
        {
            string integration = (string)key!;
            ClarifyWriterOptions writerOptions = sp.GetRequiredService<IOptionsMonitor<ClarifyWriterOptions>>().Get(integration);
            writerOptions.TimeProvider ??= sp.GetService<TimeProvider>();
            writerOptions.LoggerFactory ??= sp.GetService<ILoggerFactory>();
            return ClarifyWriter.Create(sp.GetRequiredKeyedService<ClarifyClient>(integration), writerOptions);
        });
        builder.Services.AddSingleton(new ClarifyWriterRegistration(builder.Name));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ClarifyWriterHostedService>());
        if (builder.Name.Length == 0)
        {
            builder.Services.TryAddSingleton(static sp => sp.GetRequiredKeyedService<ClarifyWriter>(string.Empty));
        }

        return builder;
    }
}
