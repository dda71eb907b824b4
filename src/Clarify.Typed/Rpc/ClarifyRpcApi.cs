using System;
using System.Net.Http;
using Refit;

namespace Clarify.Typed.Rpc;

/// <summary>Creates <see cref="IClarifyRpcApi"/> implementations.</summary>
internal static class ClarifyRpcApi
{
    /// <summary>
    /// The Refit implementation generated at build time, over an HttpClient whose
    /// <see cref="HttpClient.BaseAddress"/> is <see cref="ClarifyOptions.ApiUrl"/> and which
    /// already authenticates requests.
    /// </summary>
    public static IClarifyRpcApi Create(HttpClient authenticatedHttpClient)
    {
        ArgumentNullException.ThrowIfNull(authenticatedHttpClient);
        return RestService.ForGenerated<IClarifyRpcApi>(authenticatedHttpClient, ClarifyJsonContext.Default);
    }
}
