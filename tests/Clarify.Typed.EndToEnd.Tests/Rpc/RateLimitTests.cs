using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.Time.Testing;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.EndToEnd.Tests.Rpc;

/// <summary>The client's pacing and the server's rate limits agree, on one fake clock.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Paced_calls_of_a_one_per_second_method_never_wait_in_the_servers_queue()
    {
        var time = new FakeTimeProvider();
        await using ClarifyEmulator emulator = await StartEmulatorAsync(time, enforceRateLimits: true);
        using ClarifyClient client = CreateClient(emulator, time, o => o.EnableRateLimiting = true);

        // Each call takes its turn in the client's limiter now, on the fake clock: at 0 s, 1 s and 2 s.
        Task<SaveSignalsResult>[] calls = Enumerable.Range(0, 3).Select(Save).ToArray();
        await calls[0].WaitAsync(TimeSpan.FromSeconds(20));
        for (int second = 1; second < calls.Length; second++)
        {
            Assert.Equal(second, emulator.GetRpcRequestCount(ClarifyRpcMethods.SaveSignals));
            time.Advance(TimeSpan.FromSeconds(1));
            await calls[second].WaitAsync(TimeSpan.FromSeconds(20));
        }

        Assert.Equal(3, emulator.GetRpcRequestCount(ClarifyRpcMethods.SaveSignals));
        Assert.Equal(0, emulator.RateLimitedRequestCount);

        Task<SaveSignalsResult> Save(int i) => client.SaveSignalsAsync(new Dictionary<string, SignalSave> { [$"s{i}"] = new() { Name = $"S{i}" } });
    }

    [Fact]
    public async Task Unpaced_calls_of_a_one_per_second_method_are_queued_by_the_server()
    {
        var time = new FakeTimeProvider();
        await using ClarifyEmulator emulator = await StartEmulatorAsync(time, enforceRateLimits: true);
        using ClarifyClient client = CreateClient(emulator, time);

        Task<SaveSignalsResult>[] calls = Enumerable.Range(0, 2)
            .Select(i => client.SaveSignalsAsync(new Dictionary<string, SignalSave> { [$"s{i}"] = new() { Name = $"S{i}" } }))
            .ToArray();
        await EventuallyAsync(() => emulator.QueuedRequestCount == 1 && calls.Count(c => c.IsCompleted) == 1, "one call is served and one queued");

        // The queued request's timer may start just after the count rises: advance until it is served.
        while (!calls.All(c => c.IsCompleted))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(Task.WhenAll(calls), Task.Delay(10));
        }

        await Task.WhenAll(calls);
        Assert.Equal(1, emulator.RateLimitedRequestCount);
    }
}
