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

        // The restarted Garnet came back empty; a paused redis-server kept the token (and ran the
        // cold instances' late writes): start both from an empty entry.
        await db.KeyDeleteAsync(RedisKeys.Token(new ClarifyRedisOptions { KeyPrefix = fleet.KeyPrefix }, _emulator.Options));
        await fleet.Start(1)[0].SelectSignalsAsync();
        await fleet.Start(1)[0].SelectSignalsAsync();
        Assert.Equal(before + 3, _emulator.TokenRequestCount);
        Assert.Contains(fleet.Logs.Lines, line => line.Contains("Redis is unavailable or slow", StringComparison.Ordinal));
        Assert.Contains(fleet.Logs.Lines, line => line.Contains("Redis answers again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_redis_is_slow_calls_go_on_alone_and_each_instance_logs_the_outage_once()
    {
        await using var relay = new StallingRedisRelay(redis.ConnectionString);
        await using var fleet = new Fleet(redis, _emulator, sharePace: true, operationTimeout: TimeSpan.FromSeconds(1), connectionString: relay.ConnectionString);
        ClarifyClient running = await fleet.StartConnectedAsync();
        await running.SelectSignalsAsync();
        Assert.Equal(1, _emulator.TokenRequestCount);

        // A loaded machine can make a cold connection's first commands late: that is an outage too.
        // Start the stall with none going on.
        var settling = Stopwatch.StartNew();
        while (AnswersAgain(fleet) < Unavailable(fleet) && settling.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100);
            await running.SelectSignalsAsync();
        }

        int callsBefore = _emulator.GetRpcRequestCount(ClarifyRpcMethods.SelectSignals);
        int outagesBefore = Unavailable(fleet);
        int recoveriesBefore = AnswersAgain(fleet);

        // Redis keeps every connection open and never answers. A cold instance starts meanwhile.
        relay.Stall();
        // Rounds of calls further apart than the pause after a failure: each round tries Redis again.
        ClarifyClient cold = fleet.Start(1)[0];
        TimeSpan retryAfter = new ClarifyRedisOptions().RetryAfterFailure;
        const int Rounds = 3;
        for (int round = 0; round < Rounds; round++)
        {
            await Task.Delay(round == 0 ? TimeSpan.Zero : retryAfter + TimeSpan.FromMilliseconds(100));
            await Task.WhenAll(running.SelectSignalsAsync(), cold.SelectSignalsAsync());
        }

        // Bounded: every call ended while Redis still had not answered one command. Alone: the cold
        // instance fetched its own token. Once: one line per instance, not one per call or retry.
        Assert.True(relay.IsStalled);
        Assert.Equal(callsBefore + (2 * Rounds), _emulator.GetRpcRequestCount(ClarifyRpcMethods.SelectSignals));
        Assert.Equal(2, _emulator.TokenRequestCount);
        Assert.True(Unavailable(fleet) - outagesBefore == 2, "one line per instance:\n" + string.Join("\n", fleet.Logs.Lines));

        // Redis answers again: both instances return to sharing, and a new instance takes the shared token.
        relay.Resume();
        var waiting = Stopwatch.StartNew();
        while (AnswersAgain(fleet) - recoveriesBefore < 2 && waiting.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100);
            await Task.WhenAll(running.SelectSignalsAsync(), cold.SelectSignalsAsync());
        }

        Assert.True(AnswersAgain(fleet) - recoveriesBefore >= 2, "both instances share again:\n" + string.Join("\n", fleet.Logs.Lines));
        await (await fleet.StartConnectedAsync()).SelectSignalsAsync();
        Assert.Equal(2, _emulator.TokenRequestCount);
    }

    private static int Unavailable(Fleet fleet) => fleet.Logs.Lines.Count(line => line.Contains("Redis is unavailable or slow", StringComparison.Ordinal));

    private static int AnswersAgain(Fleet fleet) => fleet.Logs.Lines.Count(line => line.Contains("Redis answers again", StringComparison.Ordinal));
}
