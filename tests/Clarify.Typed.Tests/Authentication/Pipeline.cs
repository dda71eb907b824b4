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

/// <summary>
/// An in-memory API that records what reaches it and answers 200 (after any scripted statuses),
/// for calls too many for a real server; with <see cref="Failure"/> it throws it instead, like a broken connection.
/// </summary>
internal sealed class RecordingHandler(params int[] statuses) : HttpMessageHandler
{
    private readonly ConcurrentQueue<int> _statuses = new(statuses);

    public ConcurrentQueue<(Uri? Uri, string? Authorization)> Requests { get; } = new();

    /// <summary>Every request's headers as they reached the transport, one "Name: value" line each.</summary>
    public ConcurrentQueue<string> Headers { get; } = new();

    public Exception? Failure { get; init; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue((request.RequestUri, request.Headers.Authorization?.ToString()));
        Headers.Enqueue(request.Headers.ToString());
        if (Failure is not null)
        {
            throw Failure;
        }

        HttpStatusCode status = _statuses.TryDequeue(out int scripted) ? (HttpStatusCode)scripted : HttpStatusCode.OK;
        return Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request });
    }
}
