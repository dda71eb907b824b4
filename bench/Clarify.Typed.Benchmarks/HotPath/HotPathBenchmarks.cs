using System;
using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Clarify.Typed.Benchmarks.Loopback;
using Clarify.Typed.DependencyInjection;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.DependencyInjection;

namespace Clarify.Typed.Benchmarks.HotPath;

/// <summary>
/// One authenticated JSON-RPC call with a cached token: the same request through clients that
/// differ only in how the Authorization header gets there, and the whole typed client.
/// </summary>
[MemoryDiagnoser]
public abstract class AuthenticatedCallBenchmarks
{
    private HotPathClients _clients = null!;
    private RpcCall _call = null!;
    private ClarifyClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clients = CreateClients();
        _call = new RpcCall(_clients.Options.RpcUrl, SelectItemsRequest.Body);
        foreach (HttpClient client in new[] { _clients.Raw, _clients.ClarifyHandler, _clients.NaiveSemaphore })
        {
            _call.SendAsync(client).GetAwaiter().GetResult();
        }

        // Its own HttpClient (the same token cache): its request ids must match what its transport answers.
        _client = new ClarifyClient(_clients.CreateClarifyHttpClient(), _clients.Options, SelectItemsRequest.ClientOptions);
        _ = ClarifyClientCall().GetAwaiter().GetResult();
        WarmUp();

        if (_clients.ClarifyTokenRequests != 1)
        {
            throw new InvalidOperationException($"The Clarify.Typed token cache made {_clients.ClarifyTokenRequests} token requests while warming up, not 1.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _clients.Dispose();
        Release();
    }

    [Benchmark(Baseline = true, Description = "Raw HttpClient, fixed header")]
    public Task<int> RawHttpClient() => _call.SendAsync(_clients.Raw);

    [Benchmark(Description = "ClarifyAuthenticationHandler")]
    public Task<int> ClarifyAuthenticationHandler() => _call.SendAsync(_clients.ClarifyHandler);

    [Benchmark(Description = "Naive SemaphoreSlim handler")]
    public Task<int> NaiveSemaphoreHandler() => _call.SendAsync(_clients.NaiveSemaphore);

    /// <summary>The whole typed client: envelope, Refit, the auth handler, JSON of the result, id check.</summary>
    [Benchmark(Description = "ClarifyClient.SelectItemsAsync")]
    public async Task<int> ClarifyClientCall() => (await _client.SelectItemsAsync(SelectItemsRequest.Query).ConfigureAwait(false)).Data?.Count ?? -1;

    /// <summary>The clients, for benchmarks a derived class adds.</summary>
    private protected HotPathClients Clients => _clients;

    private protected abstract HotPathClients CreateClients();

    private protected virtual void WarmUp()
    {
    }

    private protected virtual void Release()
    {
    }
}

/// <summary>
/// Against the loopback endpoint: a real Kestrel server in another process, real sockets. The
/// raw HttpClient is the limit.
/// </summary>
public class HotPathBenchmarks : AuthenticatedCallBenchmarks
{
    private LoopbackServer _server = null!;
    private ServiceProvider _services = null!;
    private ClarifyClient _registeredClient = null!;

    /// <summary>The typed client as an application gets it from <c>AddClarify</c>: IHttpClientFactory's pipeline, its logging handlers, the shared token cache.</summary>
    [Benchmark(Description = "ClarifyClient from AddClarify (DI)")]
    public async Task<int> RegisteredClarifyClientCall() => (await _registeredClient.SelectItemsAsync(SelectItemsRequest.Query).ConfigureAwait(false)).Data?.Count ?? -1;

    private protected override HotPathClients CreateClients()
    {
        _server = LoopbackServer.AcquireAsync().GetAwaiter().GetResult();
        return new HotPathClients(_server.ApiUrl, () => new SocketsHttpHandler());
    }

    private protected override void WarmUp()
    {
        var services = new ServiceCollection();
        IClarifyBuilder clarify = services.AddClarify(Clients.Options);
        services.Configure<ClarifyClientOptions>(clarify.Name, options => options.EnableRateLimiting = false);
        _services = services.BuildServiceProvider();
        _registeredClient = _services.GetRequiredService<ClarifyClient>();
        _ = RegisteredClarifyClientCall().GetAwaiter().GetResult();
    }

    private protected override void Release()
    {
        _services.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>
/// Over <see cref="InMemoryTransport"/>: no socket, no server, so the difference to the
/// baseline is the client's own time and allocations, free of loopback noise.
/// </summary>
public class AuthLayerBenchmarks : AuthenticatedCallBenchmarks
{
    // The production URL: the origin check takes its https path, as it does for real users.
    private protected override HotPathClients CreateClients() =>
        new(new Uri("https://api.clarify.io/v1/"), () => new InMemoryTransport());
}
