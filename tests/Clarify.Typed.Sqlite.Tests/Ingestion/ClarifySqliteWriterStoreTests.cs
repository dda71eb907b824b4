using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Rpc;
using Clarify.Typed.Sqlite.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Clarify.Typed.Sqlite.Tests.Ingestion;

public sealed class ClarifySqliteWriterStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly StoreFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Points_round_trip_with_gaps_microseconds_and_many_keys_also_after_reopening()
    {
        WritePoint[] points =
        [
            new("a", Start.AddTicks(10), 1.5),
            new("b/ø", Start.AddTicks(-123_456_780), null),
            new("a", new DateTimeOffset(1969, 7, 20, 20, 17, 40, TimeSpan.FromHours(2)).AddTicks(30), double.MaxValue),
            new("c", Start.AddYears(100).AddTicks(999_990), -0.0),
            new("a", Start.AddTicks(10), double.Epsilon),
            new("b/ø", DateTimeOffset.UnixEpoch, null),
        ];
        string path = _folder.File("outbox.db");
        await using (ClarifySqliteWriterStore store = Open(path))
        {
            await store.AppendAsync(points, default);
            await store.AppendAsync(points.AsMemory(0, 2), default);

            Assert.Equal(points.Concat(points.Take(2)), await ReadAllAsync(store));
            Assert.Equal(8, store.PendingPoints);
        }

        await using ClarifySqliteWriterStore reopened = Open(path);
        IReadOnlyList<ClarifyWriterBatch> batches = await reopened.ReadPendingAsync(1000, default);
        Assert.Equal(points.Concat(points.Take(2)), batches.SelectMany(b => b.Points));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(batches[0].Points[3].Value!.Value));
        Assert.Equal(8, reopened.PendingPoints);
    }

    [Fact]
    public async Task Appends_queued_while_a_commit_runs_are_committed_together_and_none_completes_before_its_commit()
    {
        const int Appends = 200;
        await using ClarifySqliteWriterStore store = Open(_folder.File("outbox.db"));
        ValueTask[] appends;

        // Holding the commit lock stands for a slow commit: every append queued meanwhile waits for
        // the next one (the first may have been taken into the commit that is held up).
        lock (store.CommitGate)
        {
            appends = Enumerable.Range(0, Appends).Select(i => store.AppendAsync(new[] { new WritePoint($"p{i}", Start, i) }, default)).ToArray();
            Assert.DoesNotContain(appends, a => a.IsCompleted);
            Assert.Equal(0, store.PendingPoints);
        }

        foreach (ValueTask append in appends)
        {
            await append;
        }

        Assert.Equal(Appends, store.PendingPoints);
        Assert.InRange(store.Commits, 1, 2);
        Assert.Equal(Enumerable.Range(0, Appends).Select(i => new WritePoint($"p{i}", Start, i)), await ReadAllAsync(store));
    }

    [Fact]
    public async Task Producers_on_many_threads_each_find_their_points_once_and_in_their_order()
    {
        const int Producers = 8;
        const int AppendsEach = 100;
        const int PointsEach = 4;
        await using ClarifySqliteWriterStore store = Open(_folder.File("outbox.db"));

        await Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            for (int a = 0; a < AppendsEach; a++)
            {
                await store.AppendAsync(Enumerable.Range(0, PointsEach).Select(i => new WritePoint($"p{p}", Start.AddSeconds((a * PointsEach) + i), (a * PointsEach) + i)).ToArray(), default);
            }
        })));

        IReadOnlyList<ClarifyWriterBatch> batches = await store.ReadPendingAsync(int.MaxValue, default);
        Assert.Equal(batches.Select(b => b.Id).Order(), batches.Select(b => b.Id));
        Assert.Equal(batches.Count, batches.Select(b => b.Id).Distinct().Count());
        Assert.Equal(store.LastBatchId, batches[^1].Id);
        Assert.Equal(Producers * AppendsEach * PointsEach, store.PendingPoints);
        for (int p = 0; p < Producers; p++)
        {
            Assert.Equal(
                Enumerable.Range(0, AppendsEach * PointsEach).Select(i => (double)i),
                batches.SelectMany(b => b.Points).Where(point => point.InputKey == $"p{p}").Select(point => point.Value!.Value));
        }
    }

    [Fact]
    public async Task Single_point_appends_from_many_producers_each_complete_after_their_commit_with_their_values_in_order()
    {
        const int Producers = 32;
        const int AppendsEach = 150;
        await using ClarifySqliteWriterStore store = Open(_folder.File("outbox.db"));

        // Each producer's next append reuses a pooled one, so a mix-up of pooled appends would show
        // as a lost, doubled or misplaced value.
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            for (int a = 0; a < AppendsEach; a++)
            {
                await store.AppendAsync(new WritePoint($"p{p}", Start.AddSeconds(a), a), default);

                // Committed points are counted before their appends complete.
                Assert.True(store.PendingPoints > a, $"producer {p}'s append {a} completed before its commit");
            }
        })));

        IReadOnlyList<ClarifyWriterBatch> batches = await store.ReadPendingAsync(int.MaxValue, default);
        Assert.Equal(Producers * AppendsEach, store.PendingPoints);
        Assert.True(store.Commits < Producers * AppendsEach, "the appends were committed in groups");
        for (int p = 0; p < Producers; p++)
        {
            Assert.Equal(
                Enumerable.Range(0, AppendsEach).Select(a => (Start.AddSeconds(a), (double?)a)),
                batches.SelectMany(b => b.Points).Where(point => point.InputKey == $"p{p}").Select(point => (point.Time, point.Value)));
        }
    }

    [Fact]
    public async Task Single_point_appends_queued_while_a_commit_runs_complete_only_after_it_round_after_round()
    {
        const int Rounds = 3;
        const int Appends = 100;
        await using ClarifySqliteWriterStore store = Open(_folder.File("outbox.db"));
        for (int round = 0; round < Rounds; round++)
        {
            ValueTask[] appends;
            lock (store.CommitGate)
            {
                appends = Enumerable.Range(0, Appends).Select(i => store.AppendAsync(new WritePoint($"r{round}", Start.AddSeconds(i), i), default)).ToArray();
                Assert.DoesNotContain(appends, a => a.IsCompleted);
                Assert.Equal(round * Appends, store.PendingPoints);
            }

            foreach (ValueTask append in appends)
            {
                await append;
            }

            Assert.Equal((round + 1) * Appends, store.PendingPoints);
        }

        Assert.Equal(Enumerable.Range(0, Rounds).SelectMany(r => Points($"r{r}", Appends)), await ReadAllAsync(store));
    }

    [Fact]
    public async Task A_failed_commit_fails_exactly_its_single_point_appends_and_the_pooled_appends_then_succeed()
    {
        const int Failing = 2_000;
        const int After = 300;
        await using ClarifySqliteWriterStore store = Open(_folder.File("outbox.db"));
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => store.AppendAsync(new WritePoint("before", Start.AddSeconds(i), i), default).AsTask()));

        ValueTask[] failing;
        lock (store.CommitGate)
        {
            // A full database (SQLITE_FULL) fails the commits of the appends queued now; so many
            // distinct keys need new pages.
            store.ExecuteScalar($"PRAGMA max_page_count = {store.ExecuteScalar("PRAGMA page_count")}");
            failing = Enumerable.Range(0, Failing).Select(i => store.AppendAsync(new WritePoint($"failing-{i}", Start, i), default)).ToArray();
        }

        foreach (ValueTask append in failing)
        {
            ClarifySqliteStoreException error = await Assert.ThrowsAsync<ClarifySqliteStoreException>(async () => await append);
            Assert.Equal(ClarifySqliteStoreProblem.Unwritable, error.Problem);
        }

        Assert.Equal(50, store.PendingPoints);
        store.ExecuteScalar("PRAGMA max_page_count = 1073741823");
        await Task.WhenAll(Enumerable.Range(0, After).Select(i => store.AppendAsync(new WritePoint("after", Start.AddSeconds(i), i), default).AsTask()));

        Assert.Equal(50 + After, store.PendingPoints);
        List<WritePoint> stored = await ReadAllAsync(store);
        Assert.Equal(Points("before", 50), stored.Where(p => p.InputKey == "before"));
        Assert.Equal(Points("after", After).OrderBy(p => p.Time), stored.Where(p => p.InputKey == "after").OrderBy(p => p.Time));
        Assert.DoesNotContain(stored, p => p.InputKey.StartsWith("failing-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Awaiting_an_appends_ValueTask_twice_is_refused_and_does_not_disturb_the_append_that_reuses_it()
    {
        await using ClarifySqliteWriterStore store = Open(_folder.File("outbox.db"));
        ValueTask first = store.AppendAsync(new WritePoint("a", Start, 1), default);
        await first;

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await first);
        ValueTask second;
        lock (store.CommitGate)
        {
            second = store.AppendAsync(new WritePoint("a", Start.AddSeconds(1), 2), default);
            Assert.ThrowsAny<InvalidOperationException>(() => first.GetAwaiter().GetResult());
            Assert.False(second.IsCompleted);
        }

        await second;
        Assert.Equal([new WritePoint("a", Start, 1), new WritePoint("a", Start.AddSeconds(1), 2)], await ReadAllAsync(store));
    }

    [Fact]
    public async Task A_commit_packs_appends_into_rows_of_at_most_16384_points_and_never_splits_an_append()
    {
        await using ClarifySqliteWriterStore store = Open(_folder.File("outbox.db"));
        ValueTask[] appends;
        lock (store.CommitGate)
        {
            appends = Enumerable.Range(0, 5).Select(i => store.AppendAsync(Points($"k{i}", 5_000), default)).ToArray();
        }

        foreach (ValueTask append in appends)
        {
            await append;
        }

        await store.AppendAsync(Points("large", 20_000), default);

        IReadOnlyList<ClarifyWriterBatch> batches = await store.ReadPendingAsync(int.MaxValue, default);
        Assert.All(batches.SkipLast(1), b => Assert.InRange(b.Points.Count, 5_000, ClarifySqliteWriterStore.MaxBatchPoints));
        Assert.All(batches.SkipLast(1), b => Assert.Equal(0, b.Points.Count % 5_000));
        Assert.Contains(batches, b => b.Points.Count > 5_000);
        Assert.Equal(20_000, batches[^1].Points.Count);
        Assert.Equal(Enumerable.Range(0, 5).SelectMany(i => Points($"k{i}", 5_000)).Concat(Points("large", 20_000)), batches.SelectMany(b => b.Points));
    }

    [Fact]
    public async Task An_append_completes_only_when_its_points_are_in_the_file()
    {
        string path = _folder.File("outbox.db");
        ClarifySqliteWriterStore store = Open(path);
        await store.AppendAsync(new[] { new WritePoint("a", Start, 1) }, default);

        // Read by another connection while the store still has the file open would be refused (it
        // is locked), so copy the file and its log as a crash would leave them.
        string copy = _folder.File("copy.db");
        File.Copy(path, copy);
        File.Copy(path + "-wal", copy + "-wal");
        await store.DisposeAsync();

        await using ClarifySqliteWriterStore crashed = Open(copy);
        Assert.Equal([new WritePoint("a", Start, 1)], await ReadAllAsync(crashed));
    }

    [Fact]
    public async Task Reopening_restores_pending_points_the_oldest_time_and_the_last_batch_id_and_ids_keep_growing()
    {
        string path = _folder.File("outbox.db");
        DateTimeOffset firstAppend = _time.GetUtcNow();
        long lastId;
        await using (ClarifySqliteWriterStore store = Open(path))
        {
            Assert.Equal(0, store.LastBatchId);
            Assert.Null(store.OldestPendingTime);
            await store.AppendAsync(Points("a", 10), default);
            _time.Advance(TimeSpan.FromMinutes(1));
            await store.AppendAsync(Points("b", 5), default);
            lastId = store.LastBatchId;
            Assert.Equal(2, lastId);
        }

        await using (ClarifySqliteWriterStore reopened = Open(path))
        {
            Assert.Equal(15, reopened.PendingPoints);
            Assert.Equal(firstAppend, reopened.OldestPendingTime);
            Assert.Equal(lastId, reopened.LastBatchId);
            IReadOnlyList<ClarifyWriterBatch> batches = await reopened.ReadPendingAsync(1000, default);
            Assert.Equal([1L, 2L], batches.Select(b => b.Id));
            Assert.Equal(firstAppend, batches[0].AppendedAt);
            await reopened.AcknowledgeAsync(batches, default);
            Assert.Equal(0, reopened.PendingPoints);
            Assert.Null(reopened.OldestPendingTime);
        }

        await using ClarifySqliteWriterStore again = Open(path);
        Assert.Equal(0, again.PendingPoints);
        Assert.Empty(await again.ReadPendingAsync(1000, default));
        Assert.Equal(lastId, again.LastBatchId);
        await again.AppendAsync(Points("c", 1), default);
        Assert.Equal(lastId + 1, again.LastBatchId);
    }

    [Fact]
    public async Task A_read_returns_the_oldest_batches_up_to_the_limit_and_only_acknowledged_ones_leave_the_file()
    {
        string path = _folder.File("outbox.db");
        await using (ClarifySqliteWriterStore store = Open(path))
        {
            for (int i = 0; i < 5; i++)
            {
                await store.AppendAsync(Points($"k{i}", 100), default);
            }

            IReadOnlyList<ClarifyWriterBatch> first = await store.ReadPendingAsync(250, default);
            Assert.Equal([1L, 2L], first.Select(b => b.Id));
            IReadOnlyList<ClarifyWriterBatch> oneAtLeast = await store.ReadPendingAsync(1, default);
            Assert.Single(oneAtLeast);

            await store.AcknowledgeAsync(first, default);
            Assert.Equal(300, store.PendingPoints);
        }

        await using ClarifySqliteWriterStore reopened = Open(path);
        IReadOnlyList<ClarifyWriterBatch> rest = await reopened.ReadPendingAsync(1000, default);
        Assert.Equal([3L, 4L, 5L], rest.Select(b => b.Id));
        Assert.Equal(["k2", "k3", "k4"], rest.Select(b => b.Points[0].InputKey));
    }

    [Fact]
    public async Task Dead_letters_are_kept_in_their_own_table_with_the_servers_error_across_reopening()
    {
        string path = _folder.File("outbox.db");
        var rpcError = new ClarifyRpcException("integration.insert", new JsonRpcError
        {
            Code = (int)ClarifyRpcErrorCode.InvalidParams,
            Message = "Invalid params",
            Data = new JsonRpcErrorData { Trace = "trace-1", Params = new() { ["data.series.poison"] = ["invalid input key"] } },
        });
        var httpError = new ClarifyHttpException("integration.insert", HttpStatusCode.RequestEntityTooLarge, "too large");
        await using (ClarifySqliteWriterStore store = Open(path))
        {
            await store.AppendAsync(Points("good", 3), default);
            await store.DeadLetterAsync(new ClarifyDeadLetter(Points("poison", 2), rpcError, Start), default);
            await store.DeadLetterAsync(new ClarifyDeadLetter([new WritePoint("big", Start, null)], httpError, Start.AddTicks(10)), default);
            Assert.Equal(3, store.PendingPoints);
        }

        await using ClarifySqliteWriterStore reopened = Open(path);
        IReadOnlyList<ClarifyDeadLetter> deadLetters = await reopened.ReadDeadLettersAsync(default);
        Assert.Equal(2, deadLetters.Count);
        Assert.Equal(Points("poison", 2), deadLetters[0].Points);
        Assert.Equal(Start, deadLetters[0].At);
        ClarifyRpcException restored = Assert.IsType<ClarifyRpcException>(deadLetters[0].Error);
        Assert.Equal(ClarifyRpcErrorCode.InvalidParams, restored.Code);
        Assert.Equal("trace-1", restored.Trace);
        Assert.Equal(["invalid input key"], restored.Params["data.series.poison"]);
        Assert.Equal(rpcError.Message, restored.Message);
        ClarifyStoredErrorException other = Assert.IsType<ClarifyStoredErrorException>(deadLetters[1].Error);
        Assert.Equal(typeof(ClarifyHttpException).FullName, other.ErrorType);
        Assert.Equal(httpError.Message, other.Message);
        Assert.Equal([new WritePoint("big", Start, null)], deadLetters[1].Points);
        Assert.Equal(3, reopened.PendingPoints);
    }

    [Fact]
    public async Task At_the_bound_an_append_waits_until_an_acknowledgement_makes_room()
    {
        await using ClarifySqliteWriterStore store = Open(_folder.File("outbox.db"), o => o.MaxPendingPoints = 100);
        await store.AppendAsync(Points("a", 100), default);

        ValueTask blocked = store.AppendAsync(Points("b", 1), default);
        await Task.Delay(50);

        Assert.False(blocked.IsCompleted);
        Assert.Equal(100, store.PendingPoints);
        await store.AcknowledgeAsync(await store.ReadPendingAsync(1000, default), default);
        await blocked;
        Assert.Equal(1, store.PendingPoints);
    }

    [Fact]
    public async Task At_the_bound_in_throw_mode_an_append_throws_and_stores_nothing_but_a_lone_large_append_is_taken()
    {
        await using ClarifySqliteWriterStore store = Open(_folder.File("outbox.db"), o =>
        {
            o.MaxPendingPoints = 100;
            o.FullMode = ClarifyWriterFullMode.Throw;
        });
        await store.AppendAsync(Points("a", 150), default);

        ClarifyWriterFullException full = await Assert.ThrowsAsync<ClarifyWriterFullException>(() => store.AppendAsync(Points("b", 1), default).AsTask());

        Assert.Equal(150, full.PendingPoints);
        Assert.Equal(100, full.MaxPendingPoints);
        Assert.Equal(150, store.PendingPoints);
        Assert.Equal(1, store.LastBatchId);
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_fails_with_a_locked_error_naming_the_file()
    {
        string path = _folder.File("outbox.db");
        await using ClarifySqliteWriterStore first = Open(path);

        ClarifySqliteStoreException error = Assert.Throws<ClarifySqliteStoreException>(() => Open(path));

        Assert.Equal(ClarifySqliteStoreProblem.Locked, error.Problem);
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("one writer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_database_fails_with_a_corrupt_error_saying_to_move_it_aside()
    {
        string path = _folder.File("outbox.db");
        File.WriteAllText(path, new string('x', 8192));

        ClarifySqliteStoreException error = Assert.Throws<ClarifySqliteStoreException>(() => Open(path));

        Assert.Equal(ClarifySqliteStoreProblem.Corrupt, error.Problem);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("move the file aside", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_applications_database_is_not_taken_for_a_store()
    {
        string path = _folder.File("other.db");
        using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            other.Open();
            using SqliteCommand create = other.CreateCommand();
            create.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY)";
            create.ExecuteNonQuery();
        }

        Assert.Equal(ClarifySqliteStoreProblem.Corrupt, Assert.Throws<ClarifySqliteStoreException>(() => Open(path)).Problem);
    }

    [Fact]
    public void A_file_of_a_newer_format_is_refused_without_being_changed()
    {
        string path = _folder.File("outbox.db");
        using (var newer = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            newer.Open();
            using SqliteCommand version = newer.CreateCommand();
            version.CommandText = "PRAGMA user_version = 7";
            version.ExecuteNonQuery();
        }

        ClarifySqliteStoreException error = Assert.Throws<ClarifySqliteStoreException>(() => Open(path));

        Assert.Equal(ClarifySqliteStoreProblem.NewerFormat, error.Problem);
        Assert.Contains("format 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_fails_with_an_unwritable_error_saying_what_to_check()
    {
        string path = Path.Combine(_folder.Path, "missing", "outbox.db");

        ClarifySqliteStoreException error = Assert.Throws<ClarifySqliteStoreException>(() => Open(path));

        Assert.Equal(ClarifySqliteStoreProblem.Unwritable, error.Problem);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("folder exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_waits_for_queued_appends_closes_the_file_and_refuses_later_appends()
    {
        string path = _folder.File("outbox.db");
        ClarifySqliteWriterStore store = Open(path);
        ValueTask[] queued = Enumerable.Range(0, 20).Select(i => store.AppendAsync(Points($"k{i}", 10), default)).ToArray();

        await store.DisposeAsync();

        foreach (ValueTask append in queued)
        {
            await append;
        }

        Assert.Throws<ObjectDisposedException>(() => store.AppendAsync(Points("late", 1), default));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReadPendingAsync(10, default).AsTask());
        using ClarifySqliteWriterStore reopened = Open(path); // the lock is gone with the connection
        Assert.Equal(200, reopened.PendingPoints);
    }

    [Theory]
    [InlineData(ClarifySqliteSynchronous.Normal, 1L)]
    [InlineData(ClarifySqliteSynchronous.Full, 2L)]
    public async Task The_file_is_in_write_ahead_log_mode_with_the_synchronous_mode_asked_for(ClarifySqliteSynchronous synchronous, long pragmaValue)
    {
        await using ClarifySqliteWriterStore store = Open(_folder.File("outbox.db"), o => o.Synchronous = synchronous);
        await store.AppendAsync(Points("a", 3), default);

        Assert.Equal(synchronous, store.Synchronous);
        Assert.Equal(pragmaValue, store.ExecuteScalar("PRAGMA synchronous"));
        Assert.Equal("wal", store.ExecuteScalar("PRAGMA journal_mode"));
        Assert.Equal(3, (await ReadAllAsync(store)).Count);
    }

    [Fact]
    public void The_default_is_synchronous_normal()
    {
        using ClarifySqliteWriterStore store = ClarifySqliteWriterStore.Open(_folder.File("outbox.db"));

        Assert.Equal(ClarifySqliteSynchronous.Normal, store.Synchronous);
        Assert.Equal(1L, store.ExecuteScalar("PRAGMA synchronous"));
    }

    [Fact]
    public async Task A_commit_the_disk_has_no_room_for_fails_its_appends_with_an_unwritable_error_stores_none_of_them_and_the_store_goes_on()
    {
        string path = _folder.File("outbox.db");
        await using (ClarifySqliteWriterStore store = Open(path, o =>
        {
            o.MaxPendingPoints = 25_000;
            o.FullMode = ClarifyWriterFullMode.Throw;
        }))
        {
            await store.AppendAsync(Points("a", 10), default);

            // SQLite reports a database at its page limit as a full disk (SQLITE_FULL).
            store.ExecuteScalar($"PRAGMA max_page_count = {store.ExecuteScalar("PRAGMA page_count")}");
            ClarifySqliteStoreException full = await Assert.ThrowsAsync<ClarifySqliteStoreException>(() => store.AppendAsync(Points("b", 20_000), default).AsTask());

            Assert.Equal(ClarifySqliteStoreProblem.Unwritable, full.Problem);
            Assert.Contains("disk has room", full.Message, StringComparison.Ordinal);
            Assert.Contains("stored none of their points", full.Message, StringComparison.Ordinal);
            Assert.Equal(10, store.PendingPoints);
            Assert.Equal(1, store.LastBatchId);

            // The failed append's room is given back (another 20,000 fit under the bound of 25,000) and ids go on.
            store.ExecuteScalar("PRAGMA max_page_count = 1073741823");
            await store.AppendAsync(Points("b", 20_000), default);
            Assert.Equal(20_010, store.PendingPoints);
            Assert.Equal(2, store.LastBatchId);
        }

        await using ClarifySqliteWriterStore reopened = Open(path);
        Assert.Equal(Points("a", 10).Concat(Points("b", 20_000)), await ReadAllAsync(reopened));
    }

    [Theory]
    [InlineData(new byte[] { 9, 0 }, "format 9")]
    [InlineData(new byte[] { 1, 1, 200 }, "batch 1 cannot be read")]
    public async Task A_damaged_batch_fails_the_read_with_a_corrupt_error_naming_it_and_is_not_dropped(byte[] blob, string what)
    {
        string path = _folder.File("outbox.db");
        await using (ClarifySqliteWriterStore store = Open(path))
        {
            await store.AppendAsync(Points("a", 5), default);
        }

        using (var damage = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            damage.Open();
            using SqliteCommand update = damage.CreateCommand();
            update.CommandText = "UPDATE batches SET points = $blob";
            update.Parameters.AddWithValue("$blob", blob);
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        await using ClarifySqliteWriterStore reopened = Open(path);
        ClarifySqliteStoreException error = await Assert.ThrowsAsync<ClarifySqliteStoreException>(() => reopened.ReadPendingAsync(10, default).AsTask());

        Assert.Equal(ClarifySqliteStoreProblem.Corrupt, error.Problem);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Contains("move the file aside", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, reopened.PendingPoints);
    }

    [Fact]
    public void A_path_that_is_a_folder_fails_with_an_unwritable_error_naming_it()
    {
        string path = _folder.File("outbox.db");
        Directory.CreateDirectory(path);

        ClarifySqliteStoreException error = Assert.Throws<ClarifySqliteStoreException>(() => Open(path));

        Assert.Equal(ClarifySqliteStoreProblem.Unwritable, error.Problem);
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static WritePoint[] Points(string key, int count) =>
        Enumerable.Range(0, count).Select(i => new WritePoint(key, Start.AddSeconds(i), i)).ToArray();

    private static async Task<List<WritePoint>> ReadAllAsync(ClarifySqliteWriterStore store) =>
        (await store.ReadPendingAsync(int.MaxValue, default)).SelectMany(b => b.Points).ToList();

    private ClarifySqliteWriterStore Open(string path, Action<ClarifySqliteWriterStoreOptions>? configure = null)
    {
        var options = new ClarifySqliteWriterStoreOptions { TimeProvider = _time };
        configure?.Invoke(options);
        return ClarifySqliteWriterStore.Open(path, options);
    }
}
