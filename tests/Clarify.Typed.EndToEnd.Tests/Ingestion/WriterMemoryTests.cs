using System;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Ingestion;
using Microsoft.Extensions.Time.Testing;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.EndToEnd.Tests.Ingestion;

/// <summary>Measures the heap, so it runs alone: no other test allocates beside it.</summary>
[CollectionDefinition(nameof(WriterMemoryTests), DisableParallelization = true)]
public sealed class WriterMemoryCollection;

/// <summary>The in-memory store through an outage: back-pressure at the bound, and the heap stays flat however much producers try to write.</summary>
[Collection(nameof(WriterMemoryTests))]
public sealed class WriterMemoryTests
{
    private const int Bound = 20_000;
    private const int Producers = 64;
    private const int PointsEach = 4_000;
    private const long OneMiB = 1 << 20;

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Through_an_outage_producers_wait_at_the_bound_and_the_heap_does_not_grow_with_what_they_try_to_write()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await using ClarifyEmulator emulator = await StartEmulatorAsync(time);
        using ClarifyClient client = CreateClient(emulator, time);
        var store = new ClarifyMemoryWriterStore(Bound, timeProvider: time);
        await using ClarifyWriter writer = ClarifyWriter.Create(client, new ClarifyWriterOptions
        {
            Store = store,
            TimeProvider = time,
            RetryInitialDelay = TimeSpan.FromMilliseconds(200),
            RetryMaxDelay = TimeSpan.FromSeconds(1),

            // The fake clock stands still once the test ends: a dispose after a failed assertion must not wait for it.
            DisposeTimeout = TimeSpan.Zero,
        });

        // A full store's worth sent once before the outage: the store's batch arrays, the consumer's
        // buffers, the connection and the code paths exist before the heap is first measured.
        await writer.WriteAsync(Enumerable.Range(0, Bound).Select(i => new WritePoint("warm-up", Start.AddSeconds(i), i)).ToArray());
        Task warmUp = writer.FlushAsync();
        await DriveUntilAsync(time, () => warmUp.IsCompleted, "the warm-up points are sent");
        await warmUp;
        emulator.Faults.StartOutage();
        long requestsBefore = emulator.RpcRequestCount;
        long empty = Heap();

        // 64 producers try to write 256,000 points (10 MB in the store) into a store bounded at 20,000 (0.8 MB).
        Task producers = Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            string key = $"p{p}";
            for (int i = 0; i < PointsEach; i++)
            {
                await writer.WriteAsync(key, Start.AddSeconds(i), i);
            }
        })));
        await DriveUntilAsync(time, () => store.PendingPoints == Bound, "the store is full");
        await DriveUntilAsync(time, () => emulator.RpcRequestCount >= requestsBefore + 3, "three inserts failed");
        long atBound = Heap();
        await DriveUntilAsync(time, () => emulator.RpcRequestCount >= requestsBefore + 10, "seven more inserts failed");
        long afterMoreRetries = Heap();

        Assert.False(producers.IsCompleted);
        Assert.Equal(Bound, store.PendingPoints);
        Assert.Equal(ClarifyWriterStatus.Retrying, writer.Status);

        // The store holds the bound, and the consumer a copy of it and its frame for the insert it
        // retries: a few times the bound, where storing what the producers try to write would take 10 MB.
        long perPoint = System.Runtime.CompilerServices.Unsafe.SizeOf<WritePoint>();
        Assert.InRange(atBound - empty, 0, (Bound * perPoint * 4) + OneMiB);
        Assert.InRange(afterMoreRetries - atBound, long.MinValue, OneMiB);

        emulator.Faults.EndOutage();
        await DriveUntilAsync(time, () => producers.IsCompleted, "every producer wrote");
        await producers;
        Task flush = writer.FlushAsync();
        await DriveUntilAsync(time, () => flush.IsCompleted, "Clarify has every point");
        await flush;
        Assert.Equal(Bound + (Producers * PointsEach), emulator.InsertedValueCount);
        Assert.Equal(0, store.PendingPoints);
    }

    private static long Heap() => GC.GetTotalMemory(forceFullCollection: true);
}
