using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.Emulator;
using Clarify.Typed.Redis.Connection;
using Clarify.Typed.Redis.Tests.Infrastructure;
using Clarify.Typed.Redis.Tokens;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;

namespace Clarify.Typed.Redis.Tests.Tokens;

[Collection(RedisCollection.Name)]
public sealed class SharedTokenTests(RedisServer redis) : IAsyncLifetime
{
    private ClarifyEmulator _emulator = null!;

    // The tests' own view of the cache, to read and plant entries as any process with access could.
    private RedisCache _cache = null!;

    public async Task InitializeAsync()
    {
        _emulator = await ClarifyEmulator.StartAsync();
        _cache = new RedisCache(new RedisCacheOptions { Configuration = redis.ConnectionString });
    }

    public async Task DisposeAsync()
    {
        _cache.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Sixteen_cold_instances_starting_at_once_make_one_token_request()
    {
        await using var fleet = new Fleet(redis, _emulator);
        IReadOnlyList<ClarifyClient> clients = fleet.Start(16);

        await Task.WhenAll(clients.Select(client => Task.Run(() => client.SelectSignalsAsync())));

        Assert.Equal(1, _emulator.TokenRequestCount);
        Assert.Equal(16, _emulator.RpcRequestCount);
    }

    [Fact]
    public async Task Sixteen_cold_instances_in_four_processes_starting_at_once_make_one_token_request()
    {
        // Four processes of four instances: the lock works across processes as within one, and four
        // process starts, not sixteen, keep the suite fast on a shared 2-core machine.
        const int Processes = 4;
        const int InstancesEach = 4;
        await using var fleet = new Fleet(redis, _emulator);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var processes = Enumerable.Range(0, Processes).Select(_ => FleetProcess.Start(_emulator.Options, fleet.ConnectionString, fleet.KeyPrefix, InstancesEach)).ToList();
        try
        {
            // Every process has built its instances and waits; then all make their first call at once.
            await Task.WhenAll(processes.Select(process => process.WaitUntilReadyAsync(timeout.Token)));
            await Task.WhenAll(processes.Select(process => process.GoAsync()));
            (int ExitCode, string Output, string Log)[] ends = await Task.WhenAll(processes.Select(process => process.WaitForExitAsync(timeout.Token)));

            Assert.All(ends, end => Assert.True(end is (0, "done", _), $"an instance failed (exit {end.ExitCode}): {end.Output}\n{end.Log}"));
            Assert.True(
                _emulator.TokenRequestCount == 1,
                $"{_emulator.TokenRequestCount} token requests; the instances' logs:\n" + string.Join("\n---\n", ends.Select(end => end.Log)));
            Assert.Equal(Processes * InstancesEach, _emulator.RpcRequestCount);
        }
        finally
        {
            processes.ForEach(process => process.Dispose());
        }
    }

    [Fact]
    public async Task An_instance_that_starts_later_takes_the_shared_token()
    {
        await using var fleet = new Fleet(redis, _emulator);
        await fleet.Start(1)[0].SelectSignalsAsync();

        await fleet.Start(1)[0].SelectSignalsAsync();

        Assert.Equal(1, _emulator.TokenRequestCount);
        Assert.Equal(2, _emulator.RpcRequestCount);
    }

    [Fact]
    public async Task An_entry_sealed_under_another_client_secret_is_never_used_and_is_replaced()
    {
        await using var fleet = new Fleet(redis, _emulator);
        string key = RedisKeys.Token(new ClarifyRedisOptions { KeyPrefix = fleet.KeyPrefix }, _emulator.Options);
        using (var otherSecret = new TokenEntryProtector("another-secret", key))
        {
            await SetAsync(key, otherSecret.Protect(new ClarifySharedToken("planted-token", DateTimeOffset.UtcNow, TimeSpan.FromHours(1))));
        }

        await fleet.Start(1)[0].SelectSignalsAsync();

        // No 401 and replay: the planted token never reached the emulator.
        Assert.Equal(1, _emulator.TokenRequestCount);
        Assert.Equal(1, _emulator.RpcRequestCount);
        using var protector = new TokenEntryProtector(_emulator.Options.Credential.ClientSecret, key);
        ClarifySharedToken? replaced = protector.TryUnprotect((await GetAsync(key))!);
        Assert.NotNull(replaced);
        Assert.NotEqual("planted-token", replaced.Value);
        Assert.Single(fleet.Logs.Lines, line => line.Contains("does not decrypt with this client's secret", StringComparison.Ordinal) && line.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]    // version
    [InlineData(5)]    // nonce
    [InlineData(20)]   // tag
    [InlineData(40)]   // requested-at and lifetime
    [InlineData(-1)]   // the token's last byte
    public async Task An_entry_with_one_byte_flipped_is_never_used(int position)
    {
        await using var fleet = new Fleet(redis, _emulator);
        await fleet.Start(1)[0].SelectSignalsAsync();
        string key = RedisKeys.Token(new ClarifyRedisOptions { KeyPrefix = fleet.KeyPrefix }, _emulator.Options);
        byte[] entry = (await GetAsync(key))!;
        entry[position < 0 ? entry.Length + position : position] ^= 0x01;
        await SetAsync(key, entry);

        await fleet.Start(1)[0].SelectSignalsAsync();

        Assert.Equal(2, _emulator.TokenRequestCount);
        Assert.Equal(2, _emulator.RpcRequestCount);
    }

    [Fact]
    public async Task No_raw_redis_value_or_log_line_holds_the_token_or_the_secret()
    {
        await using var fleet = new Fleet(redis, _emulator, sharePace: true);
        await Task.WhenAll(fleet.Start(4).Select(client => Task.Run(() => client.SelectSignalsAsync())));
        string key = RedisKeys.Token(new ClarifyRedisOptions { KeyPrefix = fleet.KeyPrefix }, _emulator.Options);
        using var protector = new TokenEntryProtector(_emulator.Options.Credential.ClientSecret, key);
        string token = protector.TryUnprotect((await GetAsync(key))!)!.Value;
        string secret = _emulator.Options.Credential.ClientSecret;

        List<byte[]> raw = await RawValuesAsync(fleet.KeyPrefix);

        Assert.True(raw.Count >= 2, "the token entry and the pace key are stored under the fleet's prefix");
        foreach (string secretText in new[] { token, secret, token[..20], Convert.ToBase64String(Encoding.UTF8.GetBytes(token)) })
        {
            byte[] needle = Encoding.UTF8.GetBytes(secretText);
            Assert.DoesNotContain(raw, value => value.AsSpan().IndexOf(needle) >= 0);
            Assert.DoesNotContain(fleet.Logs.Lines, line => line.Contains(secretText, StringComparison.Ordinal));
        }
    }

    private async Task<List<byte[]>> RawValuesAsync(string prefix)
    {
        IServer server = redis.Admin.GetServer(redis.Admin.GetEndPoints()[0]);
        IDatabase db = redis.Admin.GetDatabase();
        var values = new List<byte[]>();
        await foreach (RedisKey key in server.KeysAsync(pattern: prefix + "*"))
        {
            values.Add(Encoding.UTF8.GetBytes(key.ToString()));
            switch (await db.KeyTypeAsync(key))
            {
                case RedisType.String:
                    values.Add((byte[])(await db.StringGetAsync(key))!);
                    break;
                case RedisType.Hash:
                    values.AddRange((await db.HashGetAllAsync(key)).Select(field => (byte[])field.Value!));
                    break;
                default:
                    throw new InvalidOperationException($"unexpected Redis type at {key}");
            }
        }

        return values;
    }

    private Task<byte[]?> GetAsync(string key) => _cache.GetAsync(key);

    private Task SetAsync(string key, byte[] value) =>
        _cache.SetAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) });
}
