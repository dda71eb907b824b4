using System;
using System.Linq;
using System.Threading.Channels;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Clarify.Typed.Benchmarks.HotPath;
using Clarify.Typed.Ingestion;

namespace Clarify.Typed.Benchmarks.Ingestion;

/// <summary>
/// Producer throughput into <see cref="ClarifyWriter"/>'s in-memory store (what a producer pays per
/// point before the network) against its limit, a bare bounded <see cref="Channel{T}"/> write loop of
/// the same points: <see cref="Points"/> points a run, one producer, 64 input keys. Each result is per
/// point (<c>OperationsPerInvoke</c>). The consumer never wakes during a run (hour-long flush
/// interval, batch size above the run); the store is emptied between iterations, as the consumer
/// would after an insert, so the batch arrays are reused as in a steady state.
/// </summary>
[MemoryDiagnoser]
public class WriterProducerBenchmarks
{
    private const int Points = 1_000_000;
    private const int SpanPoints = 1_000;
    private const int Keys = 64;

    private readonly string[] _keys = Enumerable.Range(0, Keys).Select(k => $"plant/line-{k}/temperature").ToArray();
    private WritePoint[] _points = null!;
    private ClarifyClient _client = null!;
    private ClarifyMemoryWriterStore _store = null!;
    private ClarifyWriter _writer = null!;
    private Channel<WritePoint> _bounded = null!;
    private Channel<WritePoint> _unbounded = null!;

    [GlobalSetup]
    public void Setup()
    {
        DateTimeOffset start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _points = Enumerable.Range(0, Points).Select(i => new WritePoint(_keys[i % Keys], start.AddSeconds(i / Keys), i * 0.5)).ToArray();
        var options = new ClarifyOptions(new Uri("https://api.clarify.io/v1/"), HotPathClients.IntegrationId, ClarifyCredential.ClientCredentials("benchmark-client", "benchmark-secret"));
        _client = ClarifyClient.Create(options);
        _store = new ClarifyMemoryWriterStore(Points);
        _writer = ClarifyWriter.Create(_client, new ClarifyWriterOptions
        {
            Store = _store,
            FlushInterval = TimeSpan.FromHours(1),
            MaxBatchPoints = Points + 1,
        });
        _bounded = Channel.CreateBounded<WritePoint>(new BoundedChannelOptions(Points) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _unbounded = Channel.CreateUnbounded<WritePoint>(new UnboundedChannelOptions { SingleReader = true });
    }

    [IterationCleanup]
    public void Drain()
    {
        _store.AcknowledgeAsync(_store.ReadPendingAsync(int.MaxValue, default).AsTask().GetAwaiter().GetResult(), default).AsTask().GetAwaiter().GetResult();
        while (_bounded.Reader.TryRead(out _) || _unbounded.Reader.TryRead(out _))
        {
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Drain();
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _client.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Points, Description = "Bounded Channel<WritePoint>.WriteAsync loop")]
    public async Task BoundedChannel()
    {
        ChannelWriter<WritePoint> writer = _bounded.Writer;
        foreach (WritePoint point in _points)
        {
            await writer.WriteAsync(point).ConfigureAwait(false);
        }
    }

    [Benchmark(OperationsPerInvoke = Points, Description = "Unbounded Channel<WritePoint>.WriteAsync loop")]
    public async Task UnboundedChannel()
    {
        ChannelWriter<WritePoint> writer = _unbounded.Writer;
        foreach (WritePoint point in _points)
        {
            await writer.WriteAsync(point).ConfigureAwait(false);
        }
    }

    [Benchmark(OperationsPerInvoke = Points, Description = "ClarifyWriter.WriteAsync(key, time, value)")]
    public async Task WriterOnePointAtATime()
    {
        foreach (WritePoint point in _points)
        {
            await _writer.WriteAsync(point.InputKey, point.Time, point.Value).ConfigureAwait(false);
        }
    }

    [Benchmark(OperationsPerInvoke = Points, Description = "ClarifyWriter.WriteAsync(1,000 points)")]
    public async Task WriterSpans()
    {
        ReadOnlyMemory<WritePoint> points = _points;
        for (int i = 0; i < Points; i += SpanPoints)
        {
            await _writer.WriteAsync(points.Slice(i, SpanPoints)).ConfigureAwait(false);
        }
    }
}
