using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Clarify.Typed.Benchmarks.HotPath;
using Clarify.Typed.Diagnostics;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Benchmarks.Breakdown;

/// <summary>
/// Where a typed call's time and bytes go, piece by piece, over <see cref="InMemoryTransport"/>
/// as <see cref="AuthLayerBenchmarks"/> measures the whole call: each benchmark is one piece of
/// <c>ClarifyClient.SelectItemsAsync</c> done alone, so the whole call minus the raw call splits
/// into these rows (docs/benchmarks.md). It uses the library's internals and runs on the working
/// tree only (not in a before/after run against an earlier build).
/// </summary>
[MemoryDiagnoser]
public class TypedCallBreakdownBenchmarks
{
    private static readonly byte[] MethodAndParamsKey = Encoding.UTF8.GetBytes($",\"method\":\"{ClarifyRpcMethods.SelectItems}\",\"params\":");

    private static readonly byte[] Response = """{"jsonrpc":"2.0","id":1,"result":{"meta":{"total":0},"data":[]}}"""u8.ToArray();

    private static readonly byte[] Result = """{"meta":{"total":0},"data":[]}"""u8.ToArray();

    private readonly MemoryStream _response = new(Response, writable: false);
    private readonly byte[] _readBuffer = new byte[16 * 1024];
    private HotPathClients _clients = null!;
    private RpcCall _call = null!;
    private IClarifyRpcApi _api = null!;
    private ClarifyRateLimiter _rateLimiter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clients = new HotPathClients(new Uri("https://api.clarify.io/v1/"), () => new InMemoryTransport());
        _call = new RpcCall(_clients.Options.RpcUrl, SelectItemsRequest.Body);
        _call.SendAsync(_clients.Raw).GetAwaiter().GetResult();
        _call.SendAsync(_clients.ClarifyHandler).GetAwaiter().GetResult();
        _api = ClarifyRpcApi.Create(_clients.CreateClarifyHttpClient());
        _ = RefitSend().GetAwaiter().GetResult();

        // selectItems is paced (10 a second by default, the limiter is on by default): with a clock
        // that moves a second per reading, every call finds its turn due, as calls 100 ms apart do,
        // which leaves the limiter's own cost.
        _rateLimiter = new ClarifyRateLimiter(new ClarifyClientOptions().RequestsPerSecond, new SecondPerReadingClock());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rateLimiter.Dispose();
        _clients.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Raw HttpClient call")]
    public Task<int> Raw() => _call.SendAsync(_clients.Raw);

    [Benchmark(Description = "Raw call + ClarifyAuthenticationHandler")]
    public Task<int> AuthenticationHandler() => _call.SendAsync(_clients.ClarifyHandler);

    /// <summary>The same bytes through the Refit method over the authenticated client: Refit's request building and sending.</summary>
    [Benchmark(Description = "Refit method + auth handler, body ready-made")]
    public async Task<int> RefitSend()
    {
        using HttpResponseMessage response = await _api.SelectItemsAsync(new ReadOnlyMemoryContent(SelectItemsRequest.Body), CancellationToken.None).ConfigureAwait(false);
        await using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        int total = 0;
        int read;
        while ((read = await stream.ReadAsync(_readBuffer).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>The request envelope around the source-generated parameters, as the transport reads it.</summary>
    [Benchmark(Description = "Envelope: parameters + body written and read")]
    public async Task EnvelopeSerialisation()
    {
        var parameters = new SelectItemsParams { Query = SelectItemsRequest.Query };
        using RpcRequestContent body = RpcRequestContent.Create(1, MethodAndParamsKey, parameters, ClarifyJsonContext.Default.SelectItemsParams);
        await body.CopyToAsync(Stream.Null).ConfigureAwait(false);
    }

    /// <summary>The response envelope from a stream, the id read as a number and checked.</summary>
    [Benchmark(Description = "Response: envelope parsed + id check")]
    public async Task<bool> ResponseParsing()
    {
        _response.Position = 0;
        RpcResponse<Selection<System.Collections.Generic.List<Resource<ItemAttributes>>>>? envelope =
            await JsonSerializer.DeserializeAsync(_response, ClarifyJsonContext.Default.RpcResponseSelectionListResourceItemAttributes).ConfigureAwait(false);
        return envelope!.Id.Matches(1);
    }

    /// <summary>The result alone, without the envelope: what any typed client must allocate for it.</summary>
    [Benchmark(Description = "Response: result object alone (span)")]
    public Selection<System.Collections.Generic.List<Resource<ItemAttributes>>>? ResultParsing() =>
        JsonSerializer.Deserialize(Result, ClarifyJsonContext.Default.SelectionListResourceItemAttributes);

    [Benchmark(Description = "Rate limiter: a paced method's turn, due")]
    public ValueTask RateLimiter() => _rateLimiter.AcquireAsync(ClarifyRpcMethods.SelectItems, CancellationToken.None);

    /// <summary>What <see cref="RpcCaller"/> does for tracing and metrics when nobody listens.</summary>
    [Benchmark(Description = "Activity + metrics, no listener")]
    public void ActivityAndMetrics()
    {
        long started = Stopwatch.GetTimestamp();
        using Activity? activity = ClarifyTelemetry.ActivitySource.StartActivity(ClarifyRpcMethods.SelectItems, ActivityKind.Client);
        activity?.SetTag("rpc.method", ClarifyRpcMethods.SelectItems);
        ClarifyMetrics.Shared.RpcCompleted(ClarifyRpcMethods.SelectItems, "success", started);
    }

    /// <summary>A clock that is a second later each time it is read.</summary>
    private sealed class SecondPerReadingClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => _now = _now.AddSeconds(1);
    }
}
