using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Clarify.Typed.Benchmarks.HotPath;
using Clarify.Typed.Benchmarks.Inserts;
using Clarify.Typed.Benchmarks.Reporting;
using Clarify.Typed.Ingestion;

namespace Clarify.Typed.Benchmarks.SqliteStore;

/// <summary>
/// Producer throughput into the SQLite store: <see cref="ClarifyWriter.WriteAsync(ReadOnlyMemory{WritePoint}, System.Threading.CancellationToken)"/>
/// (each write completing after its commit) by <see cref="SqliteWorkload.Producers"/> concurrent
/// producers, against the limit: a bare SQLite loop on the same schema and pragmas inserting the
/// same encoded rows in the transactions the store makes when every producer's write joins one
/// group commit. Each operation stores <see cref="SqliteWorkload.TotalPoints"/> points; the
/// writer's consumer does not send meanwhile (a flush interval of an hour), so only the producer
/// side is measured. No operation runs outside BenchmarkDotNet's (CI's dry run stays short): the
/// writer's commits are averaged over the operations its process ran.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SqliteStoreColumns))]
public class SqliteWriterStoreBenchmarks
{
    private string _folder = null!;
    private ClarifyClient _client = null!;
    private ClarifyWriter _writer = null!;
    private BareSqliteLoop _bare = null!;
    private WritePoint[][] _producerBatches = null!;
    private long _writerOperations;

    [ParamsSource(nameof(Workloads))]
    public SqliteWorkload Workload { get; set; } = null!;

    public static IEnumerable<SqliteWorkload> Workloads =>
    [
        new(Producers: 1, PointsPerWrite: 1_000),
        new(Producers: 16, PointsPerWrite: 1_000),
        new(Producers: 64, PointsPerWrite: 1),
    ];

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "clarify-sqlite-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _producerBatches = [.. Enumerable.Range(0, Workload.Producers).Select(p => SqliteWorkload.Batch(p, Workload.PointsPerWrite))];
        var options = new ClarifyOptions(new Uri("https://api.clarify.io/v1/"), HotPathClients.IntegrationId, ClarifyCredential.ClientCredentials("benchmark-client", "benchmark-secret"));
        _client = new ClarifyClient(new HttpClient(new DiscardingTransport()), options, SelectItemsRequest.ClientOptions);
        _writer = ClarifyWriter.Create(_client, new ClarifyWriterOptions
        {
            FlushInterval = TimeSpan.FromHours(1),
            MaxBatchPoints = int.MaxValue,
            DisposeTimeout = TimeSpan.FromMilliseconds(1),
        }.UseSqlite(Path.Combine(_folder, "writer.db"), s => s.MaxPendingPoints = long.MaxValue));
        _bare = new BareSqliteLoop(Path.Combine(_folder, "bare.db"), _producerBatches, Workload.PointsPerWrite);
        SqliteStoreColumns.Record(nameof(BareSqlite), Workload, _bare.Transactions(Workload.TotalPoints));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_writerOperations > 0)
        {
            SqliteStoreColumns.Record(nameof(Writer), Workload, (long)Math.Round((double)((ClarifySqliteWriterStore)_writer.Store).Commits / _writerOperations));
        }

        _bare.Dispose();
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult(); // its 1 ms flush gives up: nothing is sent
        _client.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Bare SQLite loop, same rows and transactions")]
    public long BareSqlite() => _bare.InsertAll(Workload.TotalPoints);

    [Benchmark(Description = "ClarifyWriter.WriteAsync on UseSqlite")]
    public Task Writer()
    {
        _writerOperations++;
        int writesEach = Workload.TotalPoints / Workload.Producers / Workload.PointsPerWrite;
        return Task.WhenAll(_producerBatches.Select(batch => Task.Run(async () =>
        {
            for (int i = 0; i < writesEach; i++)
            {
                if (batch.Length == 1)
                {
                    await _writer.WriteAsync(batch[0].InputKey, batch[0].Time, batch[0].Value).ConfigureAwait(false);
                }
                else
                {
                    await _writer.WriteAsync(batch).ConfigureAwait(false);
                }
            }
        })));
    }
}

/// <summary>How many producers write, and how many points each write carries (one point: the single-point overload).</summary>
public sealed record SqliteWorkload(int Producers, int PointsPerWrite)
{
    /// <summary>Points per operation, divisible by producers × points per write: a quarter for single-point writes, whose operations take seconds.</summary>
    public int TotalPoints => PointsPerWrite == 1 ? 256_000 : 1_024_000;

    /// <summary>A producer's write: 10 input keys of its own × timestamps a second apart, values that vary.</summary>
    public static WritePoint[] Batch(int producer, int points)
    {
        string[] keys = [.. Enumerable.Range(0, 10).Select(k => $"plant/line{producer}/sensor{k}")];
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, points).Select(i => new WritePoint(keys[i % keys.Length], start.AddSeconds(i / keys.Length), 20 + (Math.Sin(i) * 5)))];
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Producers}x{PointsPerWrite}");
}

/// <summary>The SQLite benchmarks' extra columns: points per operation, commits per operation, points per second and bytes allocated per point.</summary>
internal sealed class SqliteStoreColumns : ManualConfig
{
    private const string Points = "Points";
    private const string Commits = "Commits";

    public SqliteStoreColumns()
    {
        AddColumn(new FactColumn(Points, "Points stored per operation"));
        AddColumn(new FactColumn(Commits, "Transactions per operation (the writer's: its group commits counted by the store, averaged over the operations of its last process)"));
        AddColumn(new ThroughputColumn(Points, "Mpoints/s", 1e6, "Millions of points stored per second of mean time"));
        AddColumn(new AllocationPerAmountColumn(Points, "B/point", "Bytes allocated per point stored (Allocated / Points)"));
    }

    public static void Record(string method, SqliteWorkload workload, long commits)
    {
        string key = BenchmarkFacts.Key(nameof(SqliteWriterStoreBenchmarks), method, (nameof(SqliteWriterStoreBenchmarks.Workload), workload));
        BenchmarkFacts.Record(key, Points, workload.TotalPoints.ToString(CultureInfo.InvariantCulture));
        BenchmarkFacts.Record(key, Commits, commits.ToString(CultureInfo.InvariantCulture));
    }
}
