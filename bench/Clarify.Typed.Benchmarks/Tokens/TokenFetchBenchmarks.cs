using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Clarify.Typed.Authentication;
using Clarify.Typed.Benchmarks.HotPath;
using Clarify.Typed.Benchmarks.Loopback;
using Clarify.Typed.Benchmarks.Reporting;

namespace Clarify.Typed.Benchmarks.Tokens;

/// <summary>
/// N callers start at once on a cold client (no token yet) and each sends one request: the time
/// until every one of them holds a token, and how many token requests that took. Tokens come
/// from the loopback token endpoint; the RPC requests themselves stop at an in-memory transport,
/// so the time is the token fetch and the callers' coordination.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TokenFetchBenchmarks
{
    public const string TokenRequestsFact = "Token requests";

    private LoopbackServer _server = null!;
    private SocketsHttpHandler _tokenTransport = null!;
    private HttpClient _handWrittenTokenClient = null!;
    private ClarifyOptions _options = null!;
    private long _serverCountAtStart;
    private readonly RunCounts _counts = new();

    [Params(1, 64, 1000)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = LoopbackServer.AcquireAsync().GetAwaiter().GetResult();
        _options = new ClarifyOptions(_server.ApiUrl, HotPathClients.IntegrationId, ClarifyCredential.ClientCredentials("benchmark-client", "benchmark-secret"));

        // Warm connections: the benchmark is about the callers' coordination, not TCP handshakes.
        _tokenTransport = new SocketsHttpHandler();
        _handWrittenTokenClient = new HttpClient(new SocketsHttpHandler());
        _serverCountAtStart = ServerTokenRequests();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        long served = ServerTokenRequests() - _serverCountAtStart;
        foreach ((string method, RunCounts.Range range) in _counts.ByMethod())
        {
            string key = BenchmarkFacts.Key(nameof(TokenFetchBenchmarks), method, (nameof(Callers), Callers));
            BenchmarkFacts.Record(key, TokenRequestsFact, range.Describe());
            Console.WriteLine($"// {key}: {range.Runs} runs, the server answered {served} token requests ({(double)served / range.Runs:0.###} per run)");
        }

        _handWrittenTokenClient.Dispose();
        _tokenTransport.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "ClarifyTokenCache (single flight)")]
    public async Task ClarifyTokenCache()
    {
        using var cache = Authentication.ClarifyTokenCache.Create(_options, _tokenTransport);
        using var client = new HttpMessageInvoker(new ClarifyAuthenticationHandler(_options, cache) { InnerHandler = new InMemoryTransport() });
        await AllCallersAsync(client).ConfigureAwait(false);
        _counts.Add(nameof(ClarifyTokenCache), cache.TokenRequestCount);
    }

    [Benchmark(Description = "Naive SemaphoreSlim handler")]
    public Task NaiveSemaphoreHandler() => HandWrittenAsync(HandWrittenLocking.SemaphoreOnEveryCall, nameof(NaiveSemaphoreHandler));

    [Benchmark(Description = "Unsynchronised handler (no lock)")]
    public Task UnsynchronisedHandler() => HandWrittenAsync(HandWrittenLocking.None, nameof(UnsynchronisedHandler));

    private async Task HandWrittenAsync(HandWrittenLocking locking, string method)
    {
        using var handler = new HandWrittenTokenHandler(_handWrittenTokenClient, _options.TokenUrl, TimeProvider.System, locking) { InnerHandler = new InMemoryTransport() };
        using var client = new HttpMessageInvoker(handler, disposeHandler: false);
        await AllCallersAsync(client).ConfigureAwait(false);
        _counts.Add(method, handler.TokenRequestCount);
    }

    /// <summary>Starts every caller on the thread pool, releases them together, and waits until all have their response.</summary>
    private async Task AllCallersAsync(HttpMessageInvoker client)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = new Task[Callers];
        for (int i = 0; i < callers.Length; i++)
        {
            callers[i] = Task.Run(async () =>
            {
                await start.Task.ConfigureAwait(false);
                using var request = new HttpRequestMessage(HttpMethod.Post, _options.RpcUrl);
                using HttpResponseMessage response = await client.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
            });
        }

        start.SetResult();
        await Task.WhenAll(callers).ConfigureAwait(false);
    }

    private long ServerTokenRequests() => _server.ReadCounter("token-requests");

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new FactColumn(TokenRequestsFact, "Token requests made per run (every caller, every run); must be 1"));
    }
}
