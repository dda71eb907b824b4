using System;
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

    public HotPathClients(Uri apiUrl, Func<HttpMessageHandler> transport)
    {
        Options = new ClarifyOptions(apiUrl, IntegrationId, ClarifyCredential.ClientCredentials("benchmark-client", "benchmark-secret"));

        Raw = new HttpClient(transport());
        Raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        AddClarifyHeaders(Raw);

        _tokenCache = ClarifyTokenCache.Create(Options, transport());
        ClarifyHandler = new HttpClient(new ClarifyAuthenticationHandler(Options, _tokenCache) { InnerHandler = transport() }) { BaseAddress = apiUrl };

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

    /// <summary>How many token requests the Clarify.Typed cache made (1 after warm-up, however many calls).</summary>
    public long ClarifyTokenRequests => _tokenCache.TokenRequestCount;

    public void Dispose()
    {
        Raw.Dispose();
        ClarifyHandler.Dispose();
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
