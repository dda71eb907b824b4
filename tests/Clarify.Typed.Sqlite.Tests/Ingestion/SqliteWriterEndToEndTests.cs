using System;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Rpc;
using Clarify.Typed.Sqlite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.Sqlite.Tests.Ingestion;

/// <summary>
/// A writer on the SQLite store against the emulator, on one fake clock shared by the writer, the
/// client and the emulator; <see cref="DriveAsync"/> moves it on while the real I/O happens.
/// </summary>
public sealed class SqliteWriterEndToEndTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly StoreFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Through_an_outage_64_producers_never_see_an_exception_and_every_point_arrives()
    {
        const int Producers = 64;
        const int PointsEach = 200;
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time, enforceRateLimits: true);
        using ClarifyClient client = CreateClient(emulator, _time, o => o.EnableRateLimiting = true);
        await using ClarifyWriter writer = ClarifyWriter.Create(client, Options().UseSqlite(_folder.File("outbox.db")));
        emulator.Faults.StartOutage();

        Task producers = Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            for (int i = 0; i < PointsEach; i++)
            {
                await writer.WriteAsync($"p{p}", Start.AddSeconds(i), Value(p, i));
            }
        })));
        await DriveUntilAsync(() => producers.IsCompleted && emulator.RpcRequestCount >= 3, "the producers are done and three inserts failed");

        await producers;
        Assert.IsType<ClarifySqliteWriterStore>(writer.Store);
        Assert.Equal(ClarifyWriterStatus.Retrying, writer.Status);
        Assert.Equal(Producers * PointsEach, writer.PendingPoints);
        Assert.True(((ClarifySqliteWriterStore)writer.Store).Commits < Producers * PointsEach, "the producers' appends were committed in groups");
        Assert.Equal(0, emulator.InsertedValueCount);

        emulator.Faults.EndOutage();
        await DriveAsync(writer.FlushAsync());

        Assert.Equal(0, writer.PendingPoints);
        for (int p = 0; p < Producers; p++)
        {
            Assert.Equal(
                Enumerable.Range(0, PointsEach).Select(i => (Start.AddSeconds(i), Value(p, i))),
                emulator.GetSamples($"p{p}").OrderBy(s => s.Key).Select(s => (s.Key, s.Value)));
        }
    }

    [Fact]
    public async Task Points_left_in_the_file_by_a_dispose_during_an_outage_are_sent_by_the_next_writer_on_that_file()
    {
        string path = _folder.File("outbox.db");
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time);
        using ClarifyClient client = CreateClient(emulator, _time);
        ClarifyWriter writer = ClarifyWriter.Create(client, Options(o => o.DisposeTimeout = TimeSpan.FromSeconds(3)).UseSqlite(path));
        emulator.Faults.StartOutage();
        await writer.WriteAsync(Points("a", 30));

        await DriveAsync(writer.DisposeAsync().AsTask());

        Assert.Equal(0, emulator.InsertedValueCount);
        await using (ClarifySqliteWriterStore left = ClarifySqliteWriterStore.Open(path))
        {
            // The writer closed the file it owned: it opens again, with the points in it.
            Assert.Equal(30, left.PendingPoints);
        }

        emulator.Faults.EndOutage();
        await using ClarifyWriter next = ClarifyWriter.Create(client, Options().UseSqlite(path));
        Assert.Equal(30, next.PendingPoints);
        await DriveAsync(next.FlushAsync());

        Assert.Equal(0, next.PendingPoints);
        Assert.Equal(Points("a", 30).Select(p => (p.Time, p.Value!.Value)), emulator.GetSamples("a").OrderBy(s => s.Key).Select(s => (s.Key, s.Value)));
    }

    [Fact]
    public async Task Points_of_a_rejected_key_are_dead_lettered_into_the_file_and_the_rest_arrive()
    {
        string path = _folder.File("outbox.db");
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time);
        using ClarifyClient client = CreateClient(emulator, _time);
        emulator.Faults.RejectInputKey("poison");
        await using (ClarifyWriter writer = ClarifyWriter.Create(client, Options().UseSqlite(path)))
        {
            await writer.WriteAsync(Points("good", 20).Concat(Points("poison", 10)).ToArray());
            await DriveAsync(writer.FlushAsync());
        }

        Assert.Equal(20, emulator.GetSamples("good").Count);
        await using ClarifySqliteWriterStore store = ClarifySqliteWriterStore.Open(path);
        ClarifyDeadLetter deadLetter = Assert.Single(await store.ReadDeadLettersAsync(default));
        Assert.Equal(Points("poison", 10), deadLetter.Points);
        Assert.Contains("data.series.poison", Assert.IsType<ClarifyRpcException>(deadLetter.Error).Params.Keys);
        Assert.Equal(0, store.PendingPoints);
    }

    [Fact]
    public async Task With_dependency_injection_the_writer_opens_the_file_and_the_container_closes_it()
    {
        string path = _folder.File("outbox.db");
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        var services = new ServiceCollection();
        services.AddClarify(emulator.Options).AddWriter(o => o.UseSqlite(path, s => s.Synchronous = ClarifySqliteSynchronous.Full));
        services.Configure<ClarifyClientOptions>(o => o.EnableRateLimiting = false);
        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            ClarifyWriter writer = provider.GetRequiredService<ClarifyWriter>();
            ClarifySqliteWriterStore store = Assert.IsType<ClarifySqliteWriterStore>(writer.Store);
            Assert.Equal(ClarifySqliteSynchronous.Full, store.Synchronous);
            Assert.Equal(path, store.Path);
            await writer.WriteAsync(Points("a", 10));
            await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(10, emulator.GetSamples("a").Count);
        await using ClarifySqliteWriterStore reopened = ClarifySqliteWriterStore.Open(path);
        Assert.Equal(0, reopened.PendingPoints);
    }

    [Fact]
    public void A_store_of_ones_own_and_a_store_factory_together_are_refused()
    {
        using var store = ClarifySqliteWriterStore.Open(_folder.File("outbox.db"));
        using ClarifyClient client = CreateClient(new ClarifyOptions(new Uri("http://127.0.0.1:1/v1/"), "c0emu1ator0000000000", ClarifyCredential.ClientCredentials("id", "secret")));
        ClarifyWriterOptions options = new ClarifyWriterOptions().UseSqlite(_folder.File("other.db"));
        options.Store = store;

        ArgumentException error = Assert.Throws<ArgumentException>(() => ClarifyWriter.Create(client, options));
        Assert.Contains("StoreFactory", error.Message, StringComparison.Ordinal);
    }

    private static double Value(int producer, int i) => (producer * 100_000) + i + 0.5;

    private static WritePoint[] Points(string key, int count) =>
        Enumerable.Range(0, count).Select(i => new WritePoint(key, Start.AddSeconds(i).AddTicks(10 * i), i + 0.5)).ToArray();

    private ClarifyWriterOptions Options(Action<ClarifyWriterOptions>? configure = null) => WriterOptions(_time, configure);

    private Task DriveAsync(Task task) => Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd.DriveAsync(_time, task);

    private Task DriveUntilAsync(Func<bool> condition, string what) => Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd.DriveUntilAsync(_time, condition, what);
}
