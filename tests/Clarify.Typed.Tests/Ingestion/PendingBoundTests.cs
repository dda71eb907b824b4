using System;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Ingestion;

namespace Clarify.Typed.Tests.Ingestion;

public sealed class PendingBoundTests
{
    /// <summary>Only ends a test that would otherwise hang; nothing asserts how long a step takes.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    [ThreadStatic]
    private static bool t_releasing;

    [Fact]
    public async Task An_append_at_the_bound_waits_until_room_is_released_and_then_reserves_it()
    {
        // As in the stores, one lock guards the bound: the retry runs on the thread pool.
        var gate = new object();
        var bound = new PendingBound(10, ClarifyWriterFullMode.Wait);
        Assert.Null(bound.TryReserve(9));
        Task room = Assert.IsAssignableFrom<Task>(bound.TryReserve(3));
        int tries = 0;
        var firstTry = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task waiting = PendingBound.WhenRoomAsync(room, () =>
        {
            lock (gate)
            {
                firstTry.TrySetResult();
                tries++;
                return bound.TryReserve(3);
            }
        }, default);

        lock (gate)
        {
            bound.Release(1); // 8 reserved: still no room for 3
        }

        await firstTry.Task.WaitAsync(HangGuard);
        lock (gate)
        {
            Assert.Equal(1, tries);
            Assert.False(waiting.IsCompleted);
            bound.Release(2); // 6 reserved
        }

        await waiting.WaitAsync(HangGuard);

        Assert.Equal(2, tries);
        Assert.Null(bound.TryReserve(1)); // 6 + the waiter's 3 + 1: the bound is reached exactly
        Assert.NotNull(bound.TryReserve(1));
    }

    [Fact]
    public void Throw_mode_refuses_an_append_beyond_the_bound_and_reserves_none_of_it()
    {
        var bound = new PendingBound(10, ClarifyWriterFullMode.Throw);
        Assert.Null(bound.TryReserve(7));

        ClarifyWriterFullException full = Assert.Throws<ClarifyWriterFullException>(() => { _ = bound.TryReserve(4); });

        Assert.Equal(7, full.PendingPoints);
        Assert.Equal(10, full.MaxPendingPoints);
        Assert.Contains("holds 7 of at most 10 points, so the write of 4 point(s) was refused", full.Message, StringComparison.Ordinal);
        Assert.Null(bound.TryReserve(3)); // nothing of the refused 4 was reserved
    }

    [Theory]
    [InlineData(ClarifyWriterFullMode.Wait)]
    [InlineData(ClarifyWriterFullMode.Throw)]
    public void One_append_larger_than_the_bound_is_taken_when_nothing_is_reserved_and_then_the_store_is_full(ClarifyWriterFullMode mode)
    {
        var bound = new PendingBound(10, mode);

        Assert.Null(bound.TryReserve(25));

        if (mode == ClarifyWriterFullMode.Wait)
        {
            Assert.NotNull(bound.TryReserve(1));
        }
        else
        {
            Assert.Equal(25, Assert.Throws<ClarifyWriterFullException>(() => { _ = bound.TryReserve(1); }).PendingPoints);
        }

        bound.Release(25);
        Assert.Null(bound.TryReserve(10));
    }

    [Fact]
    public async Task Cancelling_a_wait_ends_it_without_trying_again_or_reserving()
    {
        var bound = new PendingBound(10, ClarifyWriterFullMode.Wait);
        Assert.Null(bound.TryReserve(10));
        Task room = Assert.IsAssignableFrom<Task>(bound.TryReserve(1));
        int tries = 0;
        using var cancel = new CancellationTokenSource();
        Task waiting = PendingBound.WhenRoomAsync(room, () => { tries++; return bound.TryReserve(1); }, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(HangGuard));
        bound.Release(10);
        Assert.Equal(0, tries);
        Assert.Null(bound.TryReserve(10)); // the cancelled append holds no room
    }

    [Fact]
    public async Task A_release_never_runs_a_waiting_append_on_the_releasing_thread()
    {
        // The stores release under their lock: a waiter run inline would retry (and take that lock) inside it.
        var bound = new PendingBound(1, ClarifyWriterFullMode.Wait);
        Assert.Null(bound.TryReserve(1));
        Task room = Assert.IsAssignableFrom<Task>(bound.TryReserve(1));
        var ranInline = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = room.ContinueWith(_ => ranInline.TrySetResult(t_releasing), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        t_releasing = true;
        try
        {
            bound.Release(1);
        }
        finally
        {
            t_releasing = false;
        }

        Assert.False(await ranInline.Task.WaitAsync(HangGuard));
    }

    [Fact]
    public void Wake_waiters_completes_the_signal_without_giving_back_room()
    {
        var bound = new PendingBound(1, ClarifyWriterFullMode.Wait);
        Assert.Null(bound.TryReserve(1));
        Task room = Assert.IsAssignableFrom<Task>(bound.TryReserve(1));

        bound.WakeWaiters();

        Assert.True(room.IsCompletedSuccessfully);
        Task next = Assert.IsAssignableFrom<Task>(bound.TryReserve(1));
        Assert.False(next.IsCompleted);
    }

    [Fact]
    public void Counters_follow_stored_acknowledged_and_restored_points_and_batch_ids()
    {
        var bound = new PendingBound(100, ClarifyWriterFullMode.Throw);
        bound.Restore(40, lastBatchId: 7);

        Assert.Equal(40, bound.PendingPoints);
        Assert.Equal(7, bound.LastBatchId);
        Assert.Throws<ClarifyWriterFullException>(() => { _ = bound.TryReserve(61); }); // restored points count against the bound

        Assert.Equal(8, bound.StartBatch());
        bound.AddPending(5);
        bound.CompletedThrough(12);
        bound.RemovePending(40);

        Assert.Equal(5, bound.PendingPoints);
        Assert.Equal(12, bound.LastBatchId);
    }
}
