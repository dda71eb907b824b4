using System;
using System.Net.Http;
using Clarify.Typed;
using Clarify.Typed.Authentication;
using Clarify.Typed.DependencyInjection;
using Clarify.Typed.Diagnostics;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Clarify integrations: options, token cache, authenticated HTTP pipeline, <see cref="ClarifyClient"/>.</summary>
public static class ClarifyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the default Clarify integration from compiled options (typically
    /// <c>ClarifyCredentials.Options</c> generated from <c>clarify-credentials.json</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">The compiled or hand-made options.</param>
    /// <param name="configuration">
    /// Optional configuration section (e.g. <c>configuration.GetSection("Clarify")</c>) whose keys
    /// override the compiled values field by field; see <see cref="ClarifySettings"/>.
    /// </param>
    /// <returns>A builder to add user-declared Refit interfaces and configure the pipeline.</returns>
    public static IClarifyBuilder AddClarify(this IServiceCollection services, ClarifyOptions options, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddClarify(ClarifyBuilder.DefaultName, options, configuration);
    }

    /// <summary>Registers the default Clarify integration from a configuration section alone.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section with <c>ApiUrl</c>, <c>Integration</c>, <c>Credentials:ClientId</c>...</param>
    /// <returns>A builder to add user-declared Refit interfaces and configure the pipeline.</returns>
    public static IClarifyBuilder AddClarify(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddClarify(ClarifyBuilder.DefaultName, null, configuration);
    }

    /// <summary>
    /// Registers a named Clarify integration. Its services are keyed by <paramref name="name"/>
    /// (<c>[FromKeyedServices("plant-b")] ClarifyClient client</c>); each name has its own
    /// options, token cache and HTTP pipeline, so tokens never mix. The default integration
    /// (name <c>""</c>) is also registered without a key.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The integration's registration name.</param>
    /// <param name="options">Compiled or hand-made options; may be null when <paramref name="configuration"/> has every value.</param>
    /// <param name="configuration">Optional configuration section whose keys override <paramref name="options"/> field by field.</param>
    /// <returns>A builder to add user-declared Refit interfaces and configure the pipeline.</returns>
    /// <exception cref="ArgumentException">Neither options nor configuration were given, or the name is registered already.</exception>
    public static IClarifyBuilder AddClarify(this IServiceCollection services, string name, ClarifyOptions? options, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        if (options is null && configuration is null)
        {
            throw new ArgumentException("AddClarify needs compiled options (e.g. ClarifyCredentials.Options), a configuration section, or both.", nameof(options));
        }

        foreach (ServiceDescriptor descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ClarifyRegistration) && descriptor.ImplementationInstance is ClarifyRegistration known && known.Name == name)
            {
                throw new ArgumentException($"A Clarify integration named '{name}' is registered already; give each integration its own name.", nameof(name));
            }
        }

        var registration = new ClarifyRegistration(name);
        services.AddSingleton(registration);
        services.AddOptionsWithValidateOnStart<ClarifySettings, ClarifyOptionsValidator<ClarifySettings>>(name)
            .Configure(settings =>
            {
                if (options is not null)
                {
                    settings.CopyFrom(options);
                }

                if (configuration is not null)
                {
                    settings.OverrideFrom(configuration);
                }
            });
        services.AddOptionsWithValidateOnStart<ClarifyClientOptions, ClarifyOptionsValidator<ClarifyClientOptions>>(name);
        services.AddOptionsWithValidateOnStart<ClarifyTokenCacheOptions, ClarifyOptionsValidator<ClarifyTokenCacheOptions>>(name);
        AddAuthenticationFilterFirst(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClarifyTokenCacheRegistry>();
        services.AddMetrics().TryAddSingleton<ClarifyMetrics>();

        services.AddKeyedSingleton(name, static (sp, key) =>
            sp.GetRequiredService<IOptionsMonitor<ClarifySettings>>().Get((string)key!).ToOptions());
        services.AddKeyedSingleton(name, static (sp, key) =>
            sp.GetRequiredService<ClarifyTokenCacheRegistry>().GetOrCreate((string)key!));
        services.AddKeyedSingleton(name, static (sp, key) =>
        {
            string integration = (string)key!;
            return new ClarifyClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(new ClarifyRegistration(integration).ApiClientName),
                sp.GetRequiredKeyedService<ClarifyOptions>(integration),
                sp.GetRequiredService<IOptionsMonitor<ClarifyClientOptions>>().Get(integration),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ClarifyMetrics>(),
                sp.GetKeyedService<IClarifyRateLimiterFactory>(integration));
        });

        if (name == ClarifyBuilder.DefaultName)
        {
            services.TryAddSingleton(static sp => sp.GetRequiredKeyedService<ClarifyOptions>(ClarifyBuilder.DefaultName));
            services.TryAddSingleton(static sp => sp.GetRequiredKeyedService<ClarifyClient>(ClarifyBuilder.DefaultName));
        }

        services.AddHttpClient(registration.TokenClientName)
            .RedactLoggedHeaders(ClarifyHttpPipeline.SensitiveHeaders);

        // The token request carries the client secret in its body, and the cache has its own single
        // flight, timeout and back-off. What ConfigureHttpClientDefaults adds for API calls (retries
        // that multiply requests to a rate-limited endpoint, a primary handler that follows a 307
        // with the secret, a BaseAddress) must not reach it, whenever it was registered: PostConfigure
        // runs after every Configure, and leaves IHttpClientFactory's logging, which is no action here.
        services.PostConfigure<HttpClientFactoryOptions>(registration.TokenClientName, static factoryOptions =>
        {
            factoryOptions.HttpClientActions.Clear();
            factoryOptions.HttpMessageHandlerBuilderActions.Clear();
            factoryOptions.HttpMessageHandlerBuilderActions.Add(static handlers => handlers.PrimaryHandler = ClarifyHttpPipeline.CreatePrimaryHandler());
        });
        IHttpClientBuilder api = services.AddHttpClient(registration.ApiClientName)
            .ConfigureHttpClient((sp, client) => client.BaseAddress = sp.GetRequiredKeyedService<ClarifyOptions>(name).ApiUrl)
            .ConfigurePrimaryHttpMessageHandler(ClarifyHttpPipeline.CreatePrimaryHandler)
            .RedactLoggedHeaders(ClarifyHttpPipeline.SensitiveHeaders);

        return new ClarifyBuilder(services, name, api);
    }

    /// <summary>
    /// Registers <see cref="ClarifyAuthenticationFilter"/> before every other handler filter. The first
    /// filter wraps all the others, so the handler it appends after them is truly innermost: in
    /// particular inside IHttpClientFactory's own logging handler, whose Trace header log carries raw
    /// header values in its structured state (only the formatted message honours
    /// <c>RedactLoggedHeaders</c>). Appended after an earlier <c>AddHttpClient()</c>, the filter would
    /// run inside the logging filter and the token would reach structured log sinks.
    /// </summary>
    private static void AddAuthenticationFilterFirst(IServiceCollection services)
    {
        foreach (ServiceDescriptor descriptor in services)
        {
            if (descriptor.ServiceType == typeof(IHttpMessageHandlerBuilderFilter) && descriptor.ImplementationType == typeof(ClarifyAuthenticationFilter))
            {
                return;
            }
        }

        services.Insert(0, ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, ClarifyAuthenticationFilter>());
    }
}
