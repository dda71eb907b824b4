using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Clarify.Typed.Tests.Ingestion;

public sealed class ClarifyMemoryWriterStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_single_point_append_with_room_allocates_nothing()
    {
        var store = new ClarifyMemoryWriterStore(10_000, timeProvider: new FakeTimeProvider(Start));
        var point = new WritePoint("a", Start, 1);
        Assert.True(store.AppendAsync(point, default).IsCompletedSuccessfully); // starts the batch (its array)

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Assert.True(store.AppendAsync(point, default).IsCompletedSuccessfully);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(101, store.PendingPoints);
    }

    [Fact]
    public async Task Batches_come_back_oldest_first_until_acknowledged_and_reads_seal_them()
    {
        var store = new ClarifyMemoryWriterStore(100, timeProvider: new FakeTimeProvider(Start));
        await store.AppendAsync(Points("a", 3), default);

        IReadOnlyList<ClarifyWriterBatch> first = await store.ReadPendingAsync(10, default);
        await store.AppendAsync(Points("b", 2), default);
        IReadOnlyList<ClarifyWriterBatch> again = await store.ReadPendingAsync(10, default);

        Assert.Equal(["a"], first.SelectMany(b => b.Points).Select(p => p.InputKey).Distinct());
        Assert.Equal(3, first.Sum(b => b.Points.Count));
        Assert.Equal(2, again.Count);
        Assert.Equal(first[0].Id, again[0].Id);
        Assert.Equal(3, again[0].Points.Count);
        Assert.Equal(again[1].Id, store.LastBatchId);
        Assert.Equal(5, store.PendingPoints);
        Assert.Equal(Start, store.OldestPendingTime);

        await store.AcknowledgeAsync(again, default);

        Assert.Equal(0, store.PendingPoints);
        Assert.Null(store.OldestPendingTime);
        Assert.Empty(await store.ReadPendingAsync(10, default));
    }

    [Fact]
    public async Task A_read_stops_at_max_points_but_always_returns_the_oldest_batch()
    {
        var store = new ClarifyMemoryWriterStore(100_000);
        await store.AppendAsync(Points("a", ClarifyMemoryWriterStore.MaxBatchPoints + 10), default);

        IReadOnlyList<ClarifyWriterBatch> read = await store.ReadPendingAsync(5, default);

        ClarifyWriterBatch only = Assert.Single(read);
        Assert.Equal(ClarifyMemoryWriterStore.MaxBatchPoints, only.Points.Count);
    }

    [Fact]
    public async Task At_the_bound_an_append_waits_until_an_acknowledgement_makes_room()
    {
        var store = new ClarifyMemoryWriterStore(10);
        await store.AppendAsync(Points("a", 10), default);

        ValueTask blocked = store.AppendAsync(Points("b", 1), default);
        Assert.False(blocked.IsCompleted);
        Assert.Equal(10, store.PendingPoints);

        await store.AcknowledgeAsync(await store.ReadPendingAsync(10, default), default);
        await blocked.AsTask().Within();

        Assert.Equal(1, store.PendingPoints);
    }

    [Fact]
    public async Task A_single_point_append_is_stored_at_once_and_at_the_bound_waits_for_room()
    {
        var store = new ClarifyMemoryWriterStore(2);
        ValueTask first = store.AppendAsync(new WritePoint("a", Start, 1), default);
        Assert.True(first.IsCompletedSuccessfully);
        await store.AppendAsync(new WritePoint("a", Start.AddSeconds(1), 2), default);

        ValueTask blocked = store.AppendAsync(new WritePoint("b", Start, 3), default);
        Assert.False(blocked.IsCompleted);
        IReadOnlyList<ClarifyWriterBatch> read = await store.ReadPendingAsync(10, default);
        Assert.Equal([new WritePoint("a", Start, 1), new WritePoint("a", Start.AddSeconds(1), 2)], read.SelectMany(b => b.Points));

        await store.AcknowledgeAsync(read, default);
        await blocked.AsTask().Within();

        Assert.Equal([new WritePoint("b", Start, 3)], (await store.ReadPendingAsync(10, default)).SelectMany(b => b.Points));
    }

    [Fact]
    public async Task At_the_bound_in_throw_mode_an_append_throws_and_stores_nothing()
    {
        var store = new ClarifyMemoryWriterStore(10, ClarifyWriterFullMode.Throw);
        await store.AppendAsync(Points("a", 8), default);

        ClarifyWriterFullException e = await Assert.ThrowsAsync<ClarifyWriterFullException>(() => store.AppendAsync(Points("b", 3), default).AsTask());

        Assert.Equal(8, store.PendingPoints);
        Assert.Equal(8, e.PendingPoints);
        Assert.Contains("MaxPendingPoints", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_wait_for_room_stores_nothing()
    {
        var store = new ClarifyMemoryWriterStore(1);
        await store.AppendAsync(Points("a", 1), default);
        using var cancel = new CancellationTokenSource();

        ValueTask blocked = store.AppendAsync(Points("b", 1), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.AsTask());
        await store.AcknowledgeAsync(await store.ReadPendingAsync(10, default), default);
        Assert.Equal(0, store.PendingPoints);
    }

    [Fact]
    public async Task Batch_arrays_reused_after_an_acknowledgement_hold_only_the_new_points()
    {
        var store = new ClarifyMemoryWriterStore(4 * ClarifyMemoryWriterStore.MaxBatchPoints);
        await store.AppendAsync(Points("old", (2 * ClarifyMemoryWriterStore.MaxBatchPoints) + 5), default);
        await store.AcknowledgeAsync(await store.ReadPendingAsync(int.MaxValue, default), default);

        WritePoint[] fresh = Points("new", ClarifyMemoryWriterStore.MaxBatchPoints + 3, offset: 0.25);
        foreach (WritePoint point in fresh)
        {
            await store.AppendAsync(point, default);
        }

        IReadOnlyList<ClarifyWriterBatch> read = await store.ReadPendingAsync(int.MaxValue, default);
        Assert.Equal(fresh, read.SelectMany(b => b.Points));
        Assert.Equal(fresh.Length, store.PendingPoints);
    }

    [Fact]
    public async Task A_one_point_append_waits_at_the_bound_like_any_other()
    {
        var store = new ClarifyMemoryWriterStore(2);
        await store.AppendAsync(Points("a", 2), default);

        ValueTask blocked = store.AppendAsync(new WritePoint("b", Start, 1), default);
        Assert.False(blocked.IsCompleted);
        await store.AcknowledgeAsync(await store.ReadPendingAsync(10, default), default);
        await blocked.AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([new WritePoint("b", Start, 1)], (await store.ReadPendingAsync(10, default)).SelectMany(b => b.Points));
    }

    internal static WritePoint[] Points(string key, int count, double offset = 0) =>
        Enumerable.Range(0, count).Select(i => new WritePoint(key, Start.AddSeconds(i), offset + i)).ToArray();
}
