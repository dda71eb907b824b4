using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Models;
using Clarify.Typed.Redis.Tests.Infrastructure;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Redis.Tests.Pacing;

[Collection(RedisCollection.Name)]
public sealed class SharedPaceTests(RedisServer redis) : IAsyncLifetime
{
    /// <summary>
    /// How long the instances insert: a few seconds keep the suite fast and already hold 8 instances
    /// to a third of what they would send alone; CLARIFY_TEST_PACE_SECONDS=10 runs the 10 s.
    /// </summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("CLARIFY_TEST_PACE_SECONDS"), out int seconds) && seconds > 0 ? seconds : 3);

    private ClarifyEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await ClarifyEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Eight_instances_inserting_at_once_send_at_most_one_insert_a_second_together()
    {
        await using var fleet = new Fleet(redis, _emulator, sharePace: true);
        IReadOnlyList<ClarifyClient> clients = fleet.Start(8);
        await Task.WhenAll(clients.Select(client => Task.Run(() => client.SelectItemsAsync())));

        var running = Stopwatch.StartNew();
        var failures = new ConcurrentQueue<string>();
        int[] sent = await InsertTogetherAsync(clients, failures);
        TimeSpan elapsed = running.Elapsed;

        // Turns are a second apart on Redis's clock: however slow the machine, a run of t seconds has
        // room for at most floor(t) + 1 of them. Eight instances pacing alone would send about 8 a second.
        int inserts = _emulator.GetRpcRequestCount(ClarifyRpcMethods.Insert);
        Assert.InRange(inserts, 2, (int)elapsed.TotalSeconds + 1);
        Assert.True(sent.Count(n => n > 0) >= 2, "the turns went to more than one instance");

        // The emulator refuses ("try again") a request that would wait out Clarify's 10 s queue, and
        // the client does not retry it: no failed call means no request waited that long.
        Assert.Empty(failures);
    }

    /// <summary>Every client inserts one row after another until the window closes; a call cancelled while it waits for its turn is not a failure.</summary>
    private static async Task<int[]> InsertTogetherAsync(IReadOnlyList<ClarifyClient> clients, ConcurrentQueue<string> failures)
    {
        using var window = new CancellationTokenSource(Window);
        return await Task.WhenAll(clients.Select((client, instance) => Task.Run(async () =>
        {
            int sent = 0;
            while (!window.IsCancellationRequested)
            {
                DataFrame frame = DataFrame.CreateBuilder().AddRow(DateTimeOffset.UtcNow, $"instance-{instance}", sent).Build();
                try
                {
                    await client.InsertAsync(frame, window.Token);
                    sent++;
                }
                catch (OperationCanceledException) when (window.IsCancellationRequested)
                {
                }
                catch (ClarifyException ex)
                {
                    failures.Enqueue($"instance {instance}: {ex.GetType().Name}: {ex.Message}");
                }
            }

            return sent;
        })));
    }
}
