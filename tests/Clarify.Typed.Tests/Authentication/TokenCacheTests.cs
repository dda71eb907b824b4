using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;

namespace Clarify.Typed.Tests.Authentication;

public sealed class TokenCacheTests : ClarifyServerTest
{
    [Fact]
    public async Task Token_request_is_a_client_credentials_form_posted_to_oauth_token_below_the_api_url()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);

        await cache.GetTokenAsync(CancellationToken.None);

        var request = Assert.Single(Server.TokenRequests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"].Single(), StringComparison.Ordinal);
        var form = request.Form;
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(TestCredentials.ClientId, form["client_id"]);
        Assert.Equal(TestCredentials.ClientSecret, form["client_secret"]);
        Assert.Equal(Server.ApiUrl.AbsoluteUri, form["audience"]);
    }

    [Fact]
    public async Task Hundred_sequential_calls_make_one_token_request()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        using HttpClient client = Pipeline.Create(Server.Options(), cache);

        for (int i = 0; i < 100; i++)
        {
            using HttpResponseMessage response = await client.PostAsync("rpc", new StringContent("{}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Single(Server.TokenRequests);
        Assert.Equal(1, cache.TokenRequestCount);
        Assert.Equal(100, Server.RpcRequests.Count);
        Assert.All(Server.RpcRequests, e => Assert.Equal(FakeClarify.Bearer(1), e.Headers["Authorization"].Single()));
    }

    [Fact]
    public async Task Token_is_used_until_its_lifetime_minus_the_skew_then_replaced()
    {
        // 3600 s lifetime: skew 60 s, refresh-ahead switched off to isolate expiry.
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time, new ClarifyTokenCacheOptions { RefreshAhead = TimeSpan.Zero });
        AccessToken first = await cache.GetTokenAsync(CancellationToken.None);

        Time.Advance(TimeSpan.FromSeconds(3539));
        Assert.Same(first, await cache.GetTokenAsync(CancellationToken.None));
        Assert.Equal(1, cache.TokenRequestCount);

        Time.Advance(TimeSpan.FromSeconds(1));
        AccessToken second = await cache.GetTokenAsync(CancellationToken.None);

        Assert.Equal(FakeClarify.Token(2), second.Value);
        Assert.Equal(2, cache.TokenRequestCount);
    }

    [Fact]
    public async Task Skew_is_never_more_than_a_tenth_of_a_short_lifetime()
    {
        Server.IssueTokens(lifetimeSeconds: 100);
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time, new ClarifyTokenCacheOptions { RefreshAhead = TimeSpan.Zero });
        AccessToken first = await cache.GetTokenAsync(CancellationToken.None);

        // With the default 60 s skew this 100 s token would be dropped after 40 s; a tenth is 10 s.
        Time.Advance(TimeSpan.FromSeconds(89));
        Assert.Same(first, await cache.GetTokenAsync(CancellationToken.None));

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(FakeClarify.Token(2), (await cache.GetTokenAsync(CancellationToken.None)).Value);
        Assert.Equal(2, cache.TokenRequestCount);
    }

    [Fact]
    public async Task Inside_the_refresh_window_callers_get_the_current_token_at_once_while_one_background_refresh_runs()
    {
        // 3600 s lifetime: expiry at 3540 s, refresh from 3240 s (5 minutes ahead).
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        AccessToken first = await cache.GetTokenAsync(CancellationToken.None);

        Time.Advance(TimeSpan.FromSeconds(3239));
        Assert.Same(first, await cache.GetTokenAsync(CancellationToken.None));
        Assert.Null(cache.PendingFetch);

        TaskCompletionSource gate = Server.HoldTokens();
        Time.Advance(TimeSpan.FromSeconds(1));
        for (int i = 0; i < 50; i++)
        {
            ValueTask<AccessToken> call = cache.GetTokenAsync(CancellationToken.None);
            Assert.True(call.IsCompletedSuccessfully, "a caller waited although the token was still valid");
            Assert.Same(first, await call);
        }

        Task<AccessToken> refresh = Assert.IsType<Task<AccessToken>>(cache.PendingFetch, exactMatch: false);
        Assert.Equal(2, cache.TokenRequestCount);

        gate.SetResult();
        AccessToken second = await refresh.Within();

        Assert.Equal(FakeClarify.Token(2), second.Value);
        Assert.Same(second, await cache.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, cache.TokenRequestCount);
        Assert.Equal(2, Server.TokenRequests.Count);
    }

    [Fact]
    public async Task Thousand_concurrent_first_calls_make_exactly_one_token_request()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        TaskCompletionSource gate = Server.HoldTokens();
        const int callers = 1000;
        int waiting = 0;
        var allWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<AccessToken>[] calls = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            ValueTask<AccessToken> call = cache.GetTokenAsync(CancellationToken.None);
            if (Interlocked.Increment(ref waiting) == callers)
            {
                allWaiting.SetResult();
            }

            return await call;
        })).ToArray();

        // Every caller has asked while the one request is held at the server: the concurrency is real.
        await allWaiting.Task.Within();
        await Server.TokenRequestArrived.Within();
        gate.SetResult();
        AccessToken[] tokens = await Task.WhenAll(calls).Within();

        Assert.All(tokens, t => Assert.Equal(FakeClarify.Token(1), t.Value));
        Assert.Equal(1, cache.TokenRequestCount);
        Assert.Single(Server.TokenRequests);
    }

    [Fact]
    public async Task Ten_thousand_calls_from_64_workers_while_tokens_expire_4_times_all_succeed_with_one_request_per_expiry()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        var api = new RecordingHandler();
        using HttpClient client = Pipeline.Create(Server.Options(), cache, api);
        const int total = 10_000;
        const int expiries = 4;
        const int callsBetweenExpiries = total / (expiries + 1);
        int started = 0;
        int completed = 0;
        int failures = 0;

        async Task WorkAsync()
        {
            while (Interlocked.Increment(ref started) <= total)
            {
                using HttpResponseMessage response = await client.PostAsync("rpc", new StringContent("{}"));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }

                // Each expiry comes after thousands of calls, so the previous token request has long finished.
                int done = Interlocked.Increment(ref completed);
                if (done % callsBetweenExpiries == 0 && done < total)
                {
                    Time.Advance(TimeSpan.FromHours(1));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(WorkAsync))).Within();

        Assert.Equal(0, failures);
        Assert.Equal(total, api.Requests.Count);
        Assert.All(api.Requests, r => Assert.StartsWith("Bearer tok-", r.Authorization, StringComparison.Ordinal));
        Assert.Equal(expiries + 1, cache.TokenRequestCount);
        Assert.Equal(expiries + 1, Server.TokenRequests.Count);
        Assert.Equal(expiries + 1, api.Requests.Select(r => r.Authorization).Distinct().Count());
    }

    [Fact]
    public async Task Cancelling_one_waiter_leaves_the_shared_request_and_the_other_waiters_intact()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        TaskCompletionSource gate = Server.HoldTokens();
        using var impatient = new CancellationTokenSource();

        Task<AccessToken> cancelled = cache.GetTokenAsync(impatient.Token).AsTask();
        Task<AccessToken> patient1 = cache.GetTokenAsync(CancellationToken.None).AsTask();
        Task<AccessToken> patient2 = cache.GetTokenAsync(CancellationToken.None).AsTask();
        await Server.TokenRequestArrived.Within();

        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Within());
        Assert.False(patient1.IsCompleted);

        gate.SetResult();
        Assert.Equal(FakeClarify.Token(1), (await patient1.Within()).Value);
        Assert.Equal(FakeClarify.Token(1), (await patient2.Within()).Value);
        Assert.Equal(1, cache.TokenRequestCount);
        Assert.Same(await patient1, await cache.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Invalidating_a_token_that_a_newer_one_already_replaced_keeps_the_newer_one()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        AccessToken first = await cache.GetTokenAsync(CancellationToken.None);

        cache.Invalidate(first);
        AccessToken second = await cache.GetTokenAsync(CancellationToken.None);
        cache.Invalidate(first);

        Assert.Same(second, await cache.GetTokenAsync(CancellationToken.None));
        Assert.Equal(FakeClarify.Token(2), second.Value);
        Assert.Equal(2, cache.TokenRequestCount);
    }

    [Fact]
    public void A_cache_for_basic_auth_credentials_is_refused_with_a_clear_error()
    {
        var error = Assert.Throws<ClarifyConfigurationException>(() => ClarifyTokenCache.Create(Server.Options(ClarifyCredentialType.BasicAuth)));

        Assert.Contains("basic-auth", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<ClarifyTokenCacheOptions, string> OutOfRangeOptions => new()
    {
        { new ClarifyTokenCacheOptions { RequestTimeout = TimeSpan.Zero }, "RequestTimeout" },
        { new ClarifyTokenCacheOptions { RequestTimeout = TimeSpan.FromDays(30) }, "RequestTimeout" },
        { new ClarifyTokenCacheOptions { ExpirySkew = TimeSpan.FromSeconds(-1) }, "ExpirySkew" },
        { new ClarifyTokenCacheOptions { RefreshAhead = TimeSpan.FromSeconds(-1) }, "RefreshAhead" },
        { new ClarifyTokenCacheOptions { InitialBackoff = TimeSpan.Zero }, "InitialBackoff" },
        { new ClarifyTokenCacheOptions { InitialBackoff = TimeSpan.FromMinutes(2), MaxBackoff = TimeSpan.FromMinutes(1) }, "MaxBackoff" },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeOptions))]
    public void Out_of_range_cache_options_are_refused_with_the_option_named(ClarifyTokenCacheOptions options, string named)
    {
        var error = Assert.Throws<ClarifyConfigurationException>(() => Server.CreateTokenCache(Time, options));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_out_of_range_cache_option_is_reported_in_one_exception()
    {
        var options = new ClarifyTokenCacheOptions
        {
            ExpirySkew = TimeSpan.FromSeconds(-1),
            RefreshAhead = TimeSpan.FromSeconds(-2),
            RequestTimeout = TimeSpan.FromDays(30),
            InitialBackoff = TimeSpan.FromMinutes(2),
            MaxBackoff = TimeSpan.FromMinutes(1),
        };

        var error = Assert.Throws<ClarifyConfigurationException>(() => Server.CreateTokenCache(Time, options));

        Assert.Equal(
            [
                "ClarifyTokenCacheOptions.ExpirySkew is negative (-00:00:01): use zero or a positive duration",
                "ClarifyTokenCacheOptions.RefreshAhead is negative (-00:00:02): use zero or a positive duration",
                "ClarifyTokenCacheOptions.RequestTimeout (30.00:00:00) and MaxBackoff (00:01:00) must be at most 1.00:00:00: use minutes, not weeks",
                "ClarifyTokenCacheOptions.MaxBackoff (00:01:00) is shorter than InitialBackoff (00:02:00): make it at least as long",
            ],
            error.Problems);
        Assert.All(error.Problems, problem => Assert.Contains(problem, error.Message, StringComparison.Ordinal));
    }
}
