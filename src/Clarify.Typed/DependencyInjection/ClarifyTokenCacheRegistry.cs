using System;
using System.Collections.Concurrent;
using System.Net.Http;
using Clarify.Typed.Authentication;
using Clarify.Typed.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clarify.Typed.DependencyInjection;

/// <summary>
/// One token cache per credentials (api URL, client id and secret) in the container: two
/// registrations with the same credentials share a token, as Clarify's rate-limited token
/// endpoint asks; different credentials never do. A token store registered keyed by the integration's
/// name (<see cref="IClarifyTokenStore"/>) shares the token with other instances too.
/// </summary>
internal sealed class ClarifyTokenCacheRegistry(IServiceProvider services) : IDisposable
{
    private readonly ConcurrentDictionary<(Uri ApiUrl, ClarifyCredential Credential), Lazy<ClarifyTokenCache>> _caches = new();

    public ClarifyTokenCache GetOrCreate(string integration)
    {
        ClarifyOptions options = services.GetRequiredKeyedService<ClarifyOptions>(integration);
        return _caches.GetOrAdd((options.ApiUrl, options.Credential), _ => new Lazy<ClarifyTokenCache>(() => new ClarifyTokenCache(
            options,
            services.GetRequiredService<IHttpClientFactory>().CreateClient(new ClarifyRegistration(integration).TokenClientName),
            ownsHttpClient: false,
            services.GetRequiredService<TimeProvider>(),
            services.GetService<ILogger<ClarifyTokenCache>>(),
            services.GetRequiredService<IOptionsMonitor<ClarifyTokenCacheOptions>>().Get(integration),
            services.GetRequiredService<ClarifyMetrics>(),
            services.GetKeyedService<IClarifyTokenStore>(integration)))).Value;
    }

    public void Dispose()
    {
        foreach (Lazy<ClarifyTokenCache> cache in _caches.Values)
        {
            if (cache.IsValueCreated)
            {
                cache.Value.Dispose();
            }
        }
    }
}
