using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Clarify.Typed.Authentication;
using Clarify.Typed.Benchmarks.HotPath;
using Clarify.Typed.Benchmarks.Loopback;
using Clarify.Typed.Benchmarks.Reporting;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Benchmarks.Inserts;

/// <summary>
/// Writing a data frame of <see cref="InsertData.Series"/> series × <see cref="Timestamps"/>
/// timestamps as <c>integration.insert</c> JSON into a byte-counting sink, no socket: the
/// hand-written <see cref="Utf8JsonWriter"/> loop (the limit) against
/// <see cref="ClarifyClient.InsertAsync"/> (chunk plan under 8 MiB, streamed body per chunk,
/// Refit, result merge), without and with the auth handler in the pipeline.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InsertColumns))]
public class InsertSerialisationBenchmarks
{
    private InsertData _data = null!;
    private DiscardingTransport _plainTransport = null!;
    private DiscardingTransport _authTransport = null!;
    private ClarifyTokenCache _tokenCache = null!;
    private ClarifyClient _plain = null!;
    private ClarifyClient _withAuth = null!;

    [Params(10_000, 100_000)]
    public int Timestamps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new InsertData(Timestamps);
        var options = new ClarifyOptions(new Uri("https://api.clarify.io/v1/"), HotPathClients.IntegrationId, ClarifyCredential.ClientCredentials("benchmark-client", "benchmark-secret"));
        _plainTransport = new DiscardingTransport();
        _plain = new ClarifyClient(new HttpClient(_plainTransport), options, SelectItemsRequest.ClientOptions);
        _authTransport = new DiscardingTransport();
        _tokenCache = ClarifyTokenCache.Create(options, new InMemoryTransport());
        _withAuth = new ClarifyClient(new HttpClient(new ClarifyAuthenticationHandler(options, _tokenCache) { InnerHandler = _authTransport }), options, SelectItemsRequest.ClientOptions);

        var sink = new CountingStream();
        HandWritten().GetAwaiter().GetResult();
        HandWrittenInsertWriter.WriteAsync(sink, 1, HotPathClients.IntegrationId, _data).GetAwaiter().GetResult();
        InsertColumns.Record(nameof(InsertSerialisationBenchmarks), nameof(HandWritten), Timestamps, _data.Points, sink.Length, 1);
        RecordLibrary(nameof(ClarifyClientInsert), _plainTransport, ClarifyClientInsert);
        RecordLibrary(nameof(ClarifyClientInsertWithAuth), _authTransport, ClarifyClientInsertWithAuth);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plain.Dispose();
        _withAuth.Dispose();
        _tokenCache.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Hand-written Utf8JsonWriter loop")]
    public async Task<long> HandWritten()
    {
        var sink = new CountingStream();
        await HandWrittenInsertWriter.WriteAsync(sink, 1, HotPathClients.IntegrationId, _data).ConfigureAwait(false);
        return sink.Length;
    }

    [Benchmark(Description = "ClarifyClient.InsertAsync")]
    public async Task<int> ClarifyClientInsert() => (await _plain.InsertAsync(_data.Frame).ConfigureAwait(false)).SignalsByInput.Count;

    [Benchmark(Description = "ClarifyClient.InsertAsync + auth handler")]
    public async Task<int> ClarifyClientInsertWithAuth() => (await _withAuth.InsertAsync(_data.Frame).ConfigureAwait(false)).SignalsByInput.Count;

    private void RecordLibrary(string method, DiscardingTransport transport, Func<Task<int>> insert)
    {
        (long bytesBefore, int requestsBefore) = (transport.BytesReceived, transport.Requests);
        insert().GetAwaiter().GetResult();
        InsertColumns.Record(nameof(InsertSerialisationBenchmarks), method, Timestamps, _data.Points, transport.BytesReceived - bytesBefore, transport.Requests - requestsBefore);
    }
}

/// <summary>
/// The same inserts end to end against the loopback endpoint (real sockets, Kestrel draining
/// the body in another process): a raw HttpClient streaming the hand-written writer as one
/// request, against <see cref="ClarifyClient.InsertAsync"/> through the auth handler, chunked.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InsertColumns))]
public class InsertEndToEndBenchmarks
{
    private LoopbackServer _server = null!;
    private HotPathClients _clients = null!;
    private ClarifyClient _client = null!;
    private InsertData _data = null!;

    [Params(10_000, 100_000)]
    public int Timestamps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new InsertData(Timestamps);
        _server = LoopbackServer.AcquireAsync().GetAwaiter().GetResult();
        _clients = new HotPathClients(_server.ApiUrl, () => new SocketsHttpHandler());
        _client = new ClarifyClient(_clients.ClarifyHandler, _clients.Options, SelectItemsRequest.ClientOptions);
        RecordServerView(nameof(RawHandWritten), RawHandWritten);
        RecordServerView(nameof(ClarifyClientInsert), ClarifyClientInsert);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _clients.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Raw HttpClient + hand-written writer")]
    public async Task<HttpStatusCode> RawHandWritten()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _clients.Options.RpcUrl) { Content = new HandWrittenContent(_data) };
        using HttpResponseMessage response = await _clients.Raw.SendAsync(request).ConfigureAwait(false);
        return response.EnsureSuccessStatusCode().StatusCode;
    }

    [Benchmark(Description = "ClarifyClient.InsertAsync (chunked)")]
    public async Task<int> ClarifyClientInsert() => (await _client.InsertAsync(_data.Frame).ConfigureAwait(false)).SignalsByInput.Count;

    /// <summary>Bytes and requests as the server received them for one insert.</summary>
    private void RecordServerView<T>(string method, Func<Task<T>> insert)
    {
        (long bytes, long requests) = (_server.ReadCounter("rpc-bytes"), _server.ReadCounter("rpc-requests"));
        insert().GetAwaiter().GetResult();
        InsertColumns.Record(
            nameof(InsertEndToEndBenchmarks), method, Timestamps, _data.Points,
            _server.ReadCounter("rpc-bytes") - bytes, (int)(_server.ReadCounter("rpc-requests") - requests));
    }

    private sealed class HandWrittenContent : HttpContent
    {
        private readonly InsertData _data;

        public HandWrittenContent(InsertData data)
        {
            _data = data;
            Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            HandWrittenInsertWriter.WriteAsync(stream, 1, HotPathClients.IntegrationId, _data);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>The insert benchmarks' extra columns: points and bytes per insert, requests made, and the rates they give.</summary>
internal sealed class InsertColumns : ManualConfig
{
    private const string Points = "Points";
    private const string Bytes = "JSON bytes";
    private const string Requests = "Requests";

    public InsertColumns()
    {
        AddColumn(new FactColumn(Points, "Data points per insert (series × timestamps)"));
        AddColumn(new FactColumn(Requests, "HTTP requests per insert (the library splits inserts to stay under 8 MiB per request)"));
        AddColumn(new FactColumn(Bytes, "JSON bytes written per insert, all requests together"));
        AddColumn(new ThroughputColumn(Bytes, "MB/s", 1e6, "JSON megabytes (10^6 B) written per second of mean time"));
        AddColumn(new ThroughputColumn(Points, "Mpoints/s", 1e6, "Millions of data points written per second of mean time"));
    }

    public static void Record(string type, string method, int timestamps, long points, long? bytes, int? requests)
    {
        string key = BenchmarkFacts.Key(type, method, ("Timestamps", timestamps));
        BenchmarkFacts.Record(key, Points, points.ToString(CultureInfo.InvariantCulture));
        if (bytes is not null)
        {
            BenchmarkFacts.Record(key, Bytes, bytes.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (requests is not null)
        {
            BenchmarkFacts.Record(key, Requests, requests.Value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
