using System;
using System.Collections.Generic;
using Clarify.Typed.Authentication;
using Clarify.Typed.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.DependencyInjection;

/// <summary>
/// Appends the authentication handler to each Clarify API client after every other configured
/// handler, so it is always innermost: a resilience handler added by the user sits outside it,
/// and each retry passes through it again and picks up the current token. Registered as the
/// first filter, it also wraps every other filter (IHttpClientFactory's logging among them), so
/// no logging handler ever sees the Authorization header.
/// </summary>
internal sealed class ClarifyAuthenticationFilter(IEnumerable<ClarifyRegistration> registrations) : IHttpMessageHandlerBuilderFilter
{
    private readonly Dictionary<string, string> _integrationByClientName = Index(registrations);

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.Name is null || !_integrationByClientName.TryGetValue(builder.Name, out string? integration))
        {
            return;
        }

        IServiceProvider services = builder.Services;
        ClarifyOptions options = services.GetRequiredKeyedService<ClarifyOptions>(integration);
        ClarifyTokenCache? tokenCache = options.Credential.Type == ClarifyCredentialType.ClientCredentials
            ? services.GetRequiredKeyedService<ClarifyTokenCache>(integration)
            : null;
        builder.AdditionalHandlers.Add(
            new ClarifyAuthenticationHandler(options, tokenCache, services.GetService<ILogger<ClarifyAuthenticationHandler>>(), services.GetRequiredService<ClarifyMetrics>()));
    };

    private static Dictionary<string, string> Index(IEnumerable<ClarifyRegistration> registrations)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ClarifyRegistration registration in registrations)
        {
            index[registration.ApiClientName] = registration.Name;
        }

        return index;
    }
}
