using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Redis.Connection;
using Clarify.Typed.Redis.Tests.Infrastructure;
using Clarify.Typed.Rpc;
using StackExchange.Redis;

namespace Clarify.Typed.Redis.Tests.Faults;

[Collection(RedisCollection.Name)]
public sealed class RedisOutageTests(RedisServer redis) : IAsyncLifetime
{
    private ClarifyEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await ClarifyEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task While_redis_is_away_no_call_fails_and_afterwards_sharing_resumes()
    {
        // Short enough to show a stall, long enough that a loaded test machine is not an outage.
        await using var fleet = new Fleet(redis, _emulator, sharePace: true, operationTimeout: TimeSpan.FromMilliseconds(500));
        IReadOnlyList<ClarifyClient> running = fleet.Start(3);
        await Task.WhenAll(running.Select(client => Task.Run(() => client.SelectSignalsAsync())));
        int before = _emulator.TokenRequestCount;

        await redis.InterruptAsync(async () =>
        {
            // Running instances keep calling; new ones start cold and fetch their own token.
            IReadOnlyList<ClarifyClient> cold = fleet.Start(2);
            await Task.WhenAll(cold.Concat(running).Select(client => Task.Run(() => client.SelectSignalsAsync())));
        });
        Assert.Equal(before + 2, _emulator.TokenRequestCount);

        // Sharing resumes: the running instances pace through Redis again (their pace key comes
        // back after it is deleted), and a new instance takes the token the one before it shared.
        RedisKey pace = RedisKeys.Pace(new ClarifyRedisOptions { KeyPrefix = fleet.KeyPrefix }, _emulator.Options, ClarifyRpcMethods.SelectSignals);
        IDatabase db = redis.Admin.GetDatabase();
        await db.KeyDeleteAsync(pace);
        var waiting = Stopwatch.StartNew();
        while (!await db.KeyExistsAsync(pace) && waiting.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.WhenAll(running.Select(client => client.SelectSignalsAsync()));
        }

        Assert.True(await db.KeyExistsAsync(pace), "the running instances pace through Redis again");
        await fleet.Start(1)[0].SelectSignalsAsync();
        await fleet.Start(1)[0].SelectSignalsAsync();
        Assert.Equal(before + 3, _emulator.TokenRequestCount);
        Assert.Contains(fleet.Logs.Lines, line => line.Contains("Redis is unavailable or slow", StringComparison.Ordinal));
        Assert.Contains(fleet.Logs.Lines, line => line.Contains("Redis answers again", StringComparison.Ordinal));
    }
}
