using System;
using System.Net.Http;
using System.Text.Json.Serialization;
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
}
