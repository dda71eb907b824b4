using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.Time.Testing;

namespace Clarify.Typed.Tests.Rpc;

public sealed class RateLimitTests
{
    // Leases are granted inside the timer callback, so the limiter's counters change synchronously
    // with FakeTimeProvider.Advance; the awaiting tasks resume later on the thread pool.
    [Fact]
    public async Task Calls_of_a_1_per_second_method_are_spaced_by_one_second()
    {
        var time = new FakeTimeProvider();
        using var limiter = new ClarifyRateLimiter(new ClarifyClientOptions().RequestsPerSecond, time);

        ValueTask[] waits = Enumerable.Range(0, 3).Select(_ => limiter.AcquireAsync(ClarifyRpcMethods.Insert, SafetyNet.Token)).ToArray();

        Assert.Equal(1, Granted(limiter, ClarifyRpcMethods.Insert, 3));
        Assert.Equal(2, limiter.GetStatistics(ClarifyRpcMethods.Insert)!.CurrentQueuedCount);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, Granted(limiter, ClarifyRpcMethods.Insert, 3));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, Granted(limiter, ClarifyRpcMethods.Insert, 3));
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(2, Granted(limiter, ClarifyRpcMethods.Insert, 3));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, Granted(limiter, ClarifyRpcMethods.Insert, 3));
        Assert.Equal(0, limiter.GetStatistics(ClarifyRpcMethods.Insert)!.CurrentQueuedCount);
        foreach (ValueTask wait in waits)
        {
            await wait;
        }
    }

    [Theory]
    [InlineData(ClarifyRpcMethods.PublishSignals, 200)]
    [InlineData(ClarifyRpcMethods.SelectItems, 100)]
    [InlineData(ClarifyRpcMethods.SelectSignals, 100)]
    [InlineData(ClarifyRpcMethods.DataFrame, 1000)]
    [InlineData(ClarifyRpcMethods.Evaluate, 1000)]
    [InlineData(ClarifyRpcMethods.SaveSignals, 1000)]
    public async Task Each_method_gets_its_documented_spacing(string method, int spacingMilliseconds)
    {
        var time = new FakeTimeProvider();
        using var limiter = new ClarifyRateLimiter(new ClarifyClientOptions().RequestsPerSecond, time);

        ValueTask first = limiter.AcquireAsync(method, SafetyNet.Token);
        ValueTask second = limiter.AcquireAsync(method, SafetyNet.Token);
        time.Advance(TimeSpan.FromMilliseconds(spacingMilliseconds - 1));
        long early = Granted(limiter, method, 2);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, early);
        Assert.Equal(2, Granted(limiter, method, 2));
        await first;
        await second;
    }

    /// <summary>Leases handed out so far: the immediate one plus every queued call released since.</summary>
    private static long Granted(ClarifyRateLimiter limiter, string method, int calls) => calls - limiter.GetStatistics(method)!.CurrentQueuedCount;

    [Fact]
    public async Task The_client_waits_for_the_limiter_before_sending()
    {
        var time = new FakeTimeProvider();
        using var server = new FakeClarify(FakeClarify.Result("""{"signalsByInput":{}}"""));
        using ClarifyClient client = server.CreateRpcClient(new ClarifyClientOptions(), time);

        Task<SaveSignalsResult> first = client.SaveSignalsAsync(new Dictionary<string, SignalSave>(), cancellationToken: SafetyNet.Token);
        Task<SaveSignalsResult> second = client.SaveSignalsAsync(new Dictionary<string, SignalSave>(), cancellationToken: SafetyNet.Token);
        await first;

        Assert.False(second.IsCompleted);
        Assert.Single(server.Requests);
        Assert.Equal(1, client.GetRateLimiterStatistics(ClarifyRpcMethods.SaveSignals)!.CurrentQueuedCount);
        time.Advance(TimeSpan.FromSeconds(1));
        await second;
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Rate_limiting_can_be_turned_off_or_retuned()
    {
        var time = new FakeTimeProvider();
        var options = new ClarifyClientOptions();
        options.RequestsPerSecond[ClarifyRpcMethods.SaveSignals] = 1000;
        options.RequestsPerSecond.Remove(ClarifyRpcMethods.SelectItems);
        using var server = new FakeClarify(FakeClarify.Result("""{"meta":{"total":0},"data":[]}"""));
        using ClarifyClient client = server.CreateRpcClient(options, time);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.SelectItemsAsync(cancellationToken: SafetyNet.Token)));

        Assert.Equal(5, server.Requests.Count);
        Assert.Null(client.GetRateLimiterStatistics(ClarifyRpcMethods.SelectItems));
        using var off = new ClarifyClient(new System.Net.Http.HttpClient(), server.Options(), new ClarifyClientOptions { EnableRateLimiting = false });
        Assert.Null(off.GetRateLimiterStatistics(ClarifyRpcMethods.Insert));
    }

    [Fact]
    public void Invalid_options_fail_with_what_to_fix()
    {
        var options = new ClarifyClientOptions { PageSize = 5000 };
        var http = new System.Net.Http.HttpClient();
        ClarifyOptions clarify = ClarifyOptions.Create("https://api.clarify.io/v1/", TestCredentials.IntegrationId, "client-credentials", "id", "secret");

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new ClarifyClient(http, clarify, options));

        Assert.Contains("between 1 and 1000", error.Message, StringComparison.Ordinal);
    }
}
