using System;
using System.Net.Http;
using System.Text.Json.Serialization;
using Clarify.Typed.Authentication;
using Microsoft.Extensions.Logging;
using Refit;

namespace Clarify.Typed;

/// <summary>The pieces of the HTTP pipeline that DI and <see cref="ClarifyClient.Create"/> build alike.</summary>
internal static class ClarifyHttpPipeline
{
    /// <summary>Headers whose values never reach IHttpClientFactory's logs.</summary>
    public static readonly string[] SensitiveHeaders = ["Authorization"];

    /// <summary>
    /// No redirects (a redirect would carry credentials to another origin), and pooled connections
    /// are recycled so a long-lived client still follows DNS changes.
    /// </summary>
    public static HttpMessageHandler CreatePrimaryHandler() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    public static TApi CreateApi<TApi>(HttpClient httpClient, JsonSerializerContext? jsonContext)
        where TApi : class =>
        jsonContext is null ? RestService.ForGenerated<TApi>(httpClient) : RestService.ForGenerated<TApi>(httpClient, jsonContext);

    /// <summary>
    /// The pipeline of a client made without dependency injection: one token cache (for client
    /// credentials), the authentication handler, and one transport for token and API requests, so a
    /// given primary handler (proxy, certificates, a test double) sees both. The HttpClient owns and
    /// disposes the handler chain; the caller owns the token cache.
    /// </summary>
    public static (HttpClient HttpClient, ClarifyTokenCache? TokenCache) CreateStandalone(
        ClarifyOptions options, ILoggerFactory? loggerFactory, HttpMessageHandler? primaryHandler, TimeProvider? timeProvider)
    {
        HttpMessageHandler transport = primaryHandler ?? CreatePrimaryHandler();
        ClarifyTokenCache? tokenCache = null;
        try
        {
            tokenCache = options.Credential.Type == ClarifyCredentialType.ClientCredentials
                ? ClarifyTokenCache.Create(options, transport, timeProvider, loggerFactory)
                : null;
            var authentication = new ClarifyAuthenticationHandler(options, tokenCache, loggerFactory?.CreateLogger<ClarifyAuthenticationHandler>())
            {
                InnerHandler = transport,
            };
            return (new HttpClient(authentication) { BaseAddress = options.ApiUrl }, tokenCache);
        }
        catch
        {
            tokenCache?.Dispose();
            transport.Dispose();
            throw;
        }
    }
}
