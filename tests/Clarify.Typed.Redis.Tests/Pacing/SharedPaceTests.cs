using System;
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
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

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
        int[] sent = await InsertTogetherAsync(clients);
        TimeSpan elapsed = running.Elapsed;

        // Turns are a second apart on Redis's clock: however slow the machine, a run of t seconds has
        // room for at most floor(t) + 1 of them. Eight instances pacing alone would send about 8 a second.
        int inserts = _emulator.GetRpcRequestCount(ClarifyRpcMethods.Insert);
        Assert.InRange(inserts, 2, (int)elapsed.TotalSeconds + 1);
        Assert.True(sent.Count(n => n > 0) >= 2, "the turns went to more than one instance");
    }

    /// <summary>Every client inserts one row after another until the window closes; a call cancelled while it waits for its turn is not a failure.</summary>
    private async Task<int[]> InsertTogetherAsync(IReadOnlyList<ClarifyClient> clients)
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
            }

            return sent;
        })));
    }
}
