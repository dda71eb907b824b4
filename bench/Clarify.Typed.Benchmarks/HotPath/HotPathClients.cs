using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using Clarify.Typed.Authentication;

namespace Clarify.Typed.Benchmarks.HotPath;

/// <summary>
/// The clients compared on the hot path, each with its own connection pool over the same
/// transport, and each sending the same headers on the wire (Authorization, X-API-Version,
/// User-Agent): only the way the Authorization header gets there differs.
/// </summary>
internal sealed class HotPathClients : IDisposable
{
    public const string IntegrationId = "c0jd1g6qnk1emp4tq2ag";

    /// <summary>What the benchmark token endpoints hand out.</summary>
    public const string Token = "loopback-benchmark-token";

    private const string UserAgent = "Clarify.Typed/0.1.0";

    private readonly ClarifyTokenCache _tokenCache;
    private readonly HttpClient _tokenClient;
    private readonly Func<HttpMessageHandler> _transport;
    private readonly List<HttpClient> _clarifyClients = [];

    public HotPathClients(Uri apiUrl, Func<HttpMessageHandler> transport)
    {
        _transport = transport;
        Options = new ClarifyOptions(apiUrl, IntegrationId, ClarifyCredential.ClientCredentials("benchmark-client", "benchmark-secret"));

        Raw = new HttpClient(transport());
        Raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        AddClarifyHeaders(Raw);

        _tokenCache = ClarifyTokenCache.Create(Options, transport());
        ClarifyHandler = CreateClarifyHttpClient();

        _tokenClient = new HttpClient(transport());
        NaiveSemaphore = new HttpClient(new HandWrittenTokenHandler(_tokenClient, Options.TokenUrl, TimeProvider.System, HandWrittenLocking.SemaphoreOnEveryCall) { InnerHandler = transport() });
        AddClarifyHeaders(NaiveSemaphore);
    }

    public ClarifyOptions Options { get; }

    /// <summary>The limit: a fixed Authorization header, no handler.</summary>
    public HttpClient Raw { get; }

    /// <summary>Clarify.Typed's auth layer alone: <see cref="ClarifyAuthenticationHandler"/> over a shared <see cref="ClarifyTokenCache"/>.</summary>
    public HttpClient ClarifyHandler { get; }

    /// <summary>A hand-written handler that takes a <see cref="System.Threading.SemaphoreSlim"/> on every call.</summary>
    public HttpClient NaiveSemaphore { get; }

    /// <summary>Another client with Clarify.Typed's auth layer over its own transport, sharing the one token cache.</summary>
    public HttpClient CreateClarifyHttpClient()
    {
        var client = new HttpClient(new ClarifyAuthenticationHandler(Options, _tokenCache) { InnerHandler = _transport() }) { BaseAddress = Options.ApiUrl };
        _clarifyClients.Add(client);
        return client;
    }

    /// <summary>How many token requests the Clarify.Typed cache made (1 after warm-up, however many calls).</summary>
    public long ClarifyTokenRequests => _tokenCache.TokenRequestCount;

    public void Dispose()
    {
        Raw.Dispose();
        _clarifyClients.ForEach(client => client.Dispose());
        NaiveSemaphore.Dispose();
        _tokenClient.Dispose();
        _tokenCache.Dispose();
    }

    private static void AddClarifyHeaders(HttpClient client)
    {
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-API-Version", ClarifyAuthenticationHandler.DefaultApiVersion);
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
    }
}
