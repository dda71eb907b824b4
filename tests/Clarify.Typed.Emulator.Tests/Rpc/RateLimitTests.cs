using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Clarify.Typed.Emulator.Tests.Rpc;

public sealed class RateLimitTests
{
    [Fact]
    public void Rate_limits_are_on_by_default()
    {
        Assert.True(new ClarifyEmulatorOptions().EnforceRateLimits);
    }

    [Fact]
    public async Task A_second_insert_in_the_same_second_waits_until_the_clock_moves_on()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using EmulatorClient client = await StartAsync(clock);
        await client.ResultAsync("integration.insert", Insert(client, "a"));

        Task<JsonObject> second = client.ResultAsync("integration.insert", Insert(client, "b"));
        await Eventually.TrueAsync(() => client.Emulator.QueuedRequestCount == 1, "the second insert is queued");
        bool completedBeforeTheClockMoved = second.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(1));
        JsonObject result = await second.Within();

        Assert.False(completedBeforeTheClockMoved);
        Assert.True(result["signalsByInput"]!["b"]!["created"]!.GetValue<bool>());
        Assert.Equal(1, client.Emulator.RateLimitedRequestCount);
        Assert.Equal(0, client.Emulator.QueuedRequestCount);
        Assert.Equal(2, client.Emulator.GetRpcRequestCount("integration.insert"));
    }

    [Fact]
    public async Task Selects_pass_in_bursts_of_ten_per_second_and_methods_are_limited_separately()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using EmulatorClient client = await StartAsync(clock);
        await client.ResultAsync("integration.insert", Insert(client, "a"));

        for (int i = 0; i < 10; i++)
        {
            await client.ResultAsync("clarify.selectItems");
        }

        Task<JsonObject> eleventh = client.ResultAsync("clarify.selectItems");
        await Eventually.TrueAsync(() => client.Emulator.QueuedRequestCount == 1, "the eleventh select is queued");
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await eleventh.Within();

        Assert.Equal(1, client.Emulator.RateLimitedRequestCount);
        Assert.Equal(11, client.Emulator.GetRpcRequestCount("clarify.selectItems"));
    }

    [Fact]
    public async Task A_request_that_would_queue_more_than_ten_seconds_gets_try_again()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using EmulatorClient client = await StartAsync(clock);
        await client.ResultAsync("integration.insert", Insert(client, "first"));

        Task<JsonObject>[] queued = Enumerable.Range(0, 10).Select(i => client.ResultAsync("integration.insert", Insert(client, $"q{i}"))).ToArray();
        await Eventually.TrueAsync(() => client.Emulator.QueuedRequestCount == 10, "ten inserts are queued");
        JsonObject refused = await client.ErrorAsync("integration.insert", Insert(client, "refused"));
        clock.Advance(TimeSpan.FromSeconds(10));
        await Task.WhenAll(queued).Within();

        Assert.Equal(-32015, refused["code"]!.GetValue<int>());
        Assert.NotNull(refused["data"]!["trace"]);
        Assert.Equal(10, client.Emulator.RateLimitedRequestCount);
    }

    [Fact]
    public async Task Stopping_the_emulator_releases_queued_requests()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        EmulatorClient client = await StartAsync(clock);
        await client.ResultAsync("integration.insert", Insert(client, "a"));
        Task<JsonObject> queued = client.ResultAsync("integration.insert", Insert(client, "b"));
        await Eventually.TrueAsync(() => client.Emulator.QueuedRequestCount == 1, "the second insert is queued");

        await client.Emulator.DisposeAsync().AsTask().Within();
        Exception? failure = await Record.ExceptionAsync(() => queued.Within());

        Assert.NotNull(failure);
        Assert.IsNotType<TimeoutException>(failure);
        await client.DisposeAsync();
    }

    private static async Task<EmulatorClient> StartAsync(FakeTimeProvider clock)
    {
        EmulatorClient client = await EmulatorClient.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.EnforceRateLimits = true;
        });
        await client.AuthenticateAsync();
        return client;
    }

    private static JsonObject Insert(EmulatorClient client, string input) =>
        Methods.Wire.Insert(client.IntegrationId, ["2024-01-01T00:00:00Z"], new() { [input] = [1.0] });
}
