using System;
using System.Collections.Generic;
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

    private static readonly ReadRpcResult<Selection<List<Resource<ItemAttributes>>>> ReadItems =
        static (ref Utf8JsonReader reader) => RpcResultReaders.ReadSelection(ref reader, ClarifyJsonContext.Default.ListResourceItemAttributes);

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

    /// <summary>
    /// The response as a call reads it: the body into a pooled buffer, the envelope, the id as a
    /// number and checked, the result. The response message and its content are made per call here
    /// (~300 B, which a transport makes in any client; the raw call has them too).
    /// </summary>
    [Benchmark(Description = "Response: body read, envelope parsed, id checked")]
    public async Task<int> ResponseParsing()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ReadOnlyMemoryContent(Response) };
        Selection<List<Resource<ItemAttributes>>> result =
            await JsonRpcResponseReader.ReadAsync(ClarifyRpcMethods.SelectItems, 1, response, ReadItems, CancellationToken.None).ConfigureAwait(false);
        return result.Data!.Count;
    }

    /// <summary>The result alone, without the envelope, read as calls read it (a selection's levels by hand).</summary>
    [Benchmark(Description = "Response: result object alone (span)")]
    public Selection<List<Resource<ItemAttributes>>>? ResultParsing()
    {
        var reader = new Utf8JsonReader(Result);
        reader.Read();
        return ReadItems(ref reader);
    }

    /// <summary>The same result through System.Text.Json's metadata alone, as calls read it before (the ~470 B read stack).</summary>
    [Benchmark(Description = "Response: result object alone, by metadata")]
    public Selection<List<Resource<ItemAttributes>>>? ResultParsingByMetadata() =>
        JsonSerializer.Deserialize(Result, ClarifyJsonContext.Default.SelectionListResourceItemAttributes);

    [Benchmark(Description = "Rate limiter: a paced method's turn, due")]
    public ValueTask RateLimiter() => _rateLimiter.AcquireAsync(ClarifyRpcMethods.SelectItems, CancellationToken.None);

    /// <summary>What <see cref="RpcCaller"/> does for tracing and metrics when nobody listens.</summary>
    [Benchmark(Description = "Activity + metrics, no listener")]
    public void ActivityAndMetrics()
    {
        long started = ClarifyMetrics.Shared.RpcStarting();
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
