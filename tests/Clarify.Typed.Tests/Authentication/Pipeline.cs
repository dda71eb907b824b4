using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Tests.Authentication;

/// <summary>Builds the client an application would: the authentication handler over a real or recording transport.</summary>
internal static class Pipeline
{
    public static HttpClient Create(ClarifyOptions options, ClarifyTokenCache? cache, HttpMessageHandler? transport = null, ILoggerFactory? logs = null) =>
        new(new ClarifyAuthenticationHandler(options, cache, logs?.CreateLogger<ClarifyAuthenticationHandler>()) { InnerHandler = transport ?? new SocketsHttpHandler() })
        {
            BaseAddress = options.ApiUrl,
        };
}

/// <summary>An in-memory API that records what reaches it and answers 200, for calls too many for a real server.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    public ConcurrentQueue<(Uri? Uri, string? Authorization)> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue((request.RequestUri, request.Headers.Authorization?.ToString()));
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request });
    }
}
