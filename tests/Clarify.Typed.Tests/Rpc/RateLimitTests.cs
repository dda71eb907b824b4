using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
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

    // Paced at one every 2 s: one call, then three calls each cancelled after 100–150 ms. The next
    // call must get the turn right after the first (2 s), not after three turns nobody used (8 s).
    [Fact]
    public async Task Cancelled_waits_give_their_turns_back()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PacingRateLimiter(TimeSpan.FromSeconds(2), time);
        using RateLimitLease first = await limiter.AcquireAsync(1, SafetyNet.Token);
        var log = new GrantLog(limiter, time);
        Task<RateLimitLease>[] cancelled = [.. new[] { 100, 125, 150 }.Select(ms => Acquire(limiter, CancelledAfter(ms, time)))];
        log.Step(TimeSpan.FromMilliseconds(150));

        Task<RateLimitLease> next = Acquire(limiter, SafetyNet.Token);
        log.Step(TimeSpan.FromSeconds(10));

        Assert.Equal([TimeSpan.FromSeconds(2)], log.Grants);
        Assert.True((await next).IsAcquired);
        foreach (Task<RateLimitLease> wait in cancelled)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        }

        Assert.Equal(2, limiter.GetStatistics().TotalSuccessfulLeases);
    }

    [Fact]
    public async Task Waiters_behind_cancelled_ones_in_the_middle_of_the_queue_move_up()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PacingRateLimiter(TimeSpan.FromSeconds(1), time);
        using RateLimitLease immediate = await limiter.AcquireAsync(1, SafetyNet.Token);
        Task<RateLimitLease> second = Acquire(limiter, SafetyNet.Token);
        Task<RateLimitLease> third = Acquire(limiter, CancelledAfter(500, time));
        Task<RateLimitLease> fourth = Acquire(limiter, CancelledAfter(500, time));
        Task<RateLimitLease> fifth = Acquire(limiter, SafetyNet.Token);
        Task<RateLimitLease> sixth = Acquire(limiter, SafetyNet.Token);
        Assert.Equal(5, limiter.GetStatistics().CurrentQueuedCount);

        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(3, limiter.GetStatistics().CurrentQueuedCount);
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True((await second).IsAcquired);
        Assert.False(fifth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await fifth).IsAcquired);
        Assert.False(sixth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await sixth).IsAcquired);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fourth);
        RateLimiterStatistics statistics = limiter.GetStatistics();
        Assert.Equal(4, statistics.TotalSuccessfulLeases);
        Assert.Equal(0, statistics.CurrentQueuedCount);
    }

    [Fact]
    public async Task A_caller_after_a_cancelled_turn_that_has_passed_goes_at_once()
    {
        var time = new FakeTimeProvider();
        using var limiter = new PacingRateLimiter(TimeSpan.FromSeconds(1), time);
        using RateLimitLease first = await limiter.AcquireAsync(1, SafetyNet.Token);
        Task<RateLimitLease> cancelled = Acquire(limiter, CancelledAfter(100, time));
        time.Advance(TimeSpan.FromMilliseconds(1500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        Task<RateLimitLease> late = Acquire(limiter, SafetyNet.Token);

        Assert.True(late.IsCompletedSuccessfully);
        Assert.Equal(2, limiter.GetStatistics().TotalSuccessfulLeases);
    }

    // Callers arrive and give up at pseudo-random times: every lease is at least one period after
    // the one before, nobody waits while a turn is free, and every caller that stayed is served.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task No_two_leases_are_closer_than_the_period_and_no_turn_is_left_unused(int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider();
        TimeSpan period = TimeSpan.FromMilliseconds(200);
        using var limiter = new PacingRateLimiter(period, time);
        var log = new GrantLog(limiter, time);
        var waits = new List<Task<RateLimitLease>>();
        for (int step = 0; step < 300; step++)
        {
            if (random.Next(3) == 0)
            {
                waits.Add(Acquire(limiter, random.Next(2) == 0 ? CancelledAfter(random.Next(1, 600), time) : SafetyNet.Token));
                log.Note();
            }

            log.Step(TimeSpan.FromMilliseconds(10));
            if (limiter.GetStatistics().CurrentQueuedCount > 0)
            {
                Assert.True(log.SinceLastGrant < period, $"callers wait at {log.Elapsed} though the last lease was at {log.Elapsed - log.SinceLastGrant}");
            }
        }

        log.Step(TimeSpan.FromSeconds(60));
        await Task.WhenAll(waits.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

        Assert.Contains(waits, w => w.IsCanceled);
        Assert.Equal(waits.Count(w => w.IsCompletedSuccessfully), log.Grants.Count);
        Assert.All(log.Grants.Zip(log.Grants.Skip(1)), pair => Assert.True(pair.Second - pair.First >= period, $"leases at {pair.First} and {pair.Second}"));
        Assert.Equal(0, limiter.GetStatistics().CurrentQueuedCount);
    }

    [Fact]
    public async Task Disposing_the_limiter_fails_the_waits_still_queued()
    {
        var time = new FakeTimeProvider();
        var limiter = new PacingRateLimiter(TimeSpan.FromSeconds(1), time);
        using RateLimitLease first = await limiter.AcquireAsync(1, SafetyNet.Token);
        Task<RateLimitLease> queued = Acquire(limiter, SafetyNet.Token);

        limiter.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Acquire(limiter, SafetyNet.Token));
    }

    private static Task<RateLimitLease> Acquire(PacingRateLimiter limiter, CancellationToken cancellationToken) =>
        limiter.AcquireAsync(1, cancellationToken).AsTask();

    private static CancellationToken CancelledAfter(int milliseconds, FakeTimeProvider time) =>
        new CancellationTokenSource(TimeSpan.FromMilliseconds(milliseconds), time).Token;

    /// <summary>
    /// Steps the fake clock 10 ms at a time and notes, from the limiter's counters (which change
    /// inside the clock's timer callbacks), when each lease was granted, counted from its creation.
    /// </summary>
    private sealed class GrantLog(PacingRateLimiter limiter, FakeTimeProvider time)
    {
        private readonly DateTimeOffset _start = time.GetUtcNow();
        private long _granted = limiter.GetStatistics().TotalSuccessfulLeases;

        public List<TimeSpan> Grants { get; } = [];

        public TimeSpan Elapsed => time.GetUtcNow() - _start;

        public TimeSpan SinceLastGrant => Grants.Count == 0 ? TimeSpan.MaxValue : Elapsed - Grants[^1];

        public void Step(TimeSpan by)
        {
            for (TimeSpan moved = TimeSpan.Zero; moved < by; moved += TimeSpan.FromMilliseconds(10))
            {
                time.Advance(TimeSpan.FromMilliseconds(10));
                Note();
            }
        }

        public void Note()
        {
            for (long granted = limiter.GetStatistics().TotalSuccessfulLeases; _granted < granted; _granted++)
            {
                Grants.Add(Elapsed);
            }
        }
    }

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

        ClarifyConfigurationException error = Assert.Throws<ClarifyConfigurationException>(() => new ClarifyClient(http, clarify, options));

        Assert.Contains("between 1 and 1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_out_of_range_option_is_reported_in_one_exception()
    {
        var options = new ClarifyClientOptions { MaxRequestBytes = 10, PageSize = 0 };
        options.RequestsPerSecond[ClarifyRpcMethods.Insert] = double.PositiveInfinity;
        options.RequestsPerSecond[ClarifyRpcMethods.SelectItems] = 0;
        ClarifyOptions clarify = ClarifyOptions.Create("https://api.clarify.io/v1/", TestCredentials.IntegrationId, "client-credentials", "id", "secret");

        ClarifyConfigurationException error = Assert.Throws<ClarifyConfigurationException>(() => new ClarifyClient(new System.Net.Http.HttpClient(), clarify, options));

        Assert.Equal(4, error.Problems.Count);
        Assert.All(error.Problems, problem => Assert.Contains(problem, error.Message, StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("MaxRequestBytes must be at least 1024 bytes (it is 10)", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("PageSize must be between 1 and 1000 (it is 0)", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains($"rate of {ClarifyRpcMethods.Insert} must be a positive number", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains($"rate of {ClarifyRpcMethods.SelectItems} must be a positive number", StringComparison.Ordinal));
    }
}
