using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;

namespace Clarify.Typed.Tests.Authentication;

public sealed class TokenEndpointFaultTests : ClarifyServerTest
{
    [Theory]
    [InlineData(200, "<html>Bad gateway</html>", "is not a JSON object", null, null)]
    [InlineData(200, "[1,2]", "is not a JSON object", null, null)]
    [InlineData(200, "null", "is not a JSON object", null, null)]
    [InlineData(200, """{"token_type":"Bearer","expires_in":3600}""", "has no access_token", null, null)]
    [InlineData(200, """{"access_token":"","token_type":"Bearer","expires_in":3600}""", "has no access_token", null, null)]
    [InlineData(200, """{"access_token":"tok-x","expires_in":3600}""", "has no token_type", null, null)]
    [InlineData(200, """{"access_token":"tok-x","token_type":"mac","expires_in":3600}""", "token_type 'mac'", null, null)]
    [InlineData(200, """{"access_token":"tok-x","token_type":"Bearer"}""", "has no expires_in", null, null)]
    [InlineData(200, """{"access_token":"tok-x","token_type":"Bearer","expires_in":0}""", "expires_in 0", null, null)]
    [InlineData(200, """{"access_token":"tok-x","token_type":"Bearer","expires_in":-30}""", "expires_in -30", null, null)]
    [InlineData(200, """{"access_token":"tok-x","token_type":"Bearer","expires_in":"soon"}""", "is not a JSON object", null, null)]
    [InlineData(401, """{"error":"invalid_client","error_description":"Unknown client or wrong secret"}""", "credentials.clientSecret", "invalid_client", "Unknown client or wrong secret")]
    [InlineData(400, """{"error":"invalid_request","error_description":"audience is required"}""", "400 BadRequest", "invalid_request", "audience is required")]
    [InlineData(403, """{"error":"access_denied"}""", "access_denied", "access_denied", null)]
    [InlineData(200, """{"error":"server_error","error_description":"try later"}""", "server_error: try later", "server_error", "try later")]
    [InlineData(404, "Not found", "Check apiUrl", null, null)]
    public async Task A_broken_answer_raises_a_typed_error_with_the_server_fields_and_the_cache_recovers_as_soon_as_the_endpoint_heals(
        int status, string body, string expectedInMessage, string? expectedError, string? expectedDescription)
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        Server.AnswerTokens(new FakeReply(status, body));

        var error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => cache.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(expectedError, error.Error);
        Assert.Equal(expectedDescription, error.ErrorDescription);
        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
        Assert.Contains(Server.ApiUrl + "oauth/token", error.Message, StringComparison.Ordinal);
        Assert.Null(error.RetryAfter);

        // Not cached, not backed off: the very next call asks again and succeeds, at the same instant.
        Server.IssueTokens();
        AccessToken token = await cache.GetTokenAsync(CancellationToken.None);

        Assert.Equal(FakeClarify.Token(1), token.Value);
        Assert.Equal(2, cache.TokenRequestCount);
    }

    [Fact]
    public async Task A_429_with_Retry_After_backs_off_that_long_and_callers_meanwhile_get_the_same_error_without_new_requests()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        Server.AnswerTokens(new FakeReply(429, """{"error":"rate_limited"}""", RetryAfter: "7"));

        var first = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => cache.GetTokenAsync(CancellationToken.None).AsTask());
        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal("rate_limited", first.Error);
        Assert.Equal(TimeSpan.FromSeconds(7), first.RetryAfter);
        Assert.Contains("rate limited", first.Message, StringComparison.Ordinal);

        Server.IssueTokens();
        Task<AccessToken>[] during = Enumerable.Range(0, 20).Select(_ => cache.GetTokenAsync(CancellationToken.None).AsTask()).ToArray();
        Time.Advance(TimeSpan.FromSeconds(6.9));
        var later = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => cache.GetTokenAsync(CancellationToken.None).AsTask());

        foreach (Task<AccessToken> call in during)
        {
            Assert.Same(first, await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => call));
        }

        Assert.Same(first, later);
        Assert.Equal(1, cache.TokenRequestCount);
        Assert.Single(Server.TokenRequests);

        Time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(FakeClarify.Token(1), (await cache.GetTokenAsync(CancellationToken.None)).Value);
        Assert.Equal(2, cache.TokenRequestCount);
    }

    [Fact]
    public async Task A_Retry_After_date_is_honoured_as_the_time_left_until_it()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        string date = (Time.GetUtcNow() + TimeSpan.FromSeconds(20)).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Server.AnswerTokens(new FakeReply(503, "Service Unavailable", RetryAfter: date));

        var error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => cache.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(20), error.RetryAfter);
    }

    [Fact]
    public async Task Without_Retry_After_the_back_off_grows_exponentially_with_jitter_and_is_capped()
    {
        var options = new ClarifyTokenCacheOptions { InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(6) };
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time, options);
        Server.AnswerTokens(new FakeReply(500, """{"error":"server_error","error_description":"database down"}"""));
        double[] expectedCeilings = [1, 2, 4, 6, 6];

        foreach (double ceiling in expectedCeilings)
        {
            var error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => cache.GetTokenAsync(CancellationToken.None).AsTask());
            Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
            Assert.Equal("database down", error.ErrorDescription);
            TimeSpan delay = Assert.NotNull(error.RetryAfter);
            Assert.InRange(delay.TotalSeconds, ceiling / 2, ceiling);

            // Just before the end of the back-off nothing is sent; at its end the next call asks again.
            Time.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.Same(error, await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => cache.GetTokenAsync(CancellationToken.None).AsTask()));
            Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(expectedCeilings.Length, cache.TokenRequestCount);
        Server.IssueTokens();
        Assert.Equal(FakeClarify.Token(1), (await cache.GetTokenAsync(CancellationToken.None)).Value);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_maximum_back_off_is_capped()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time, new ClarifyTokenCacheOptions { MaxBackoff = TimeSpan.FromSeconds(30) });
        Server.AnswerTokens(new FakeReply(429, "slow down", RetryAfter: "86400"));

        var error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => cache.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
    }

    [Fact]
    public async Task A_failed_refresh_ahead_keeps_the_valid_token_in_use_and_backs_off()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        AccessToken first = await cache.GetTokenAsync(CancellationToken.None);
        Server.AnswerTokens(new FakeReply(503, "down", RetryAfter: "10"));

        Time.Advance(TimeSpan.FromSeconds(3300));
        Task<AccessToken> refresh = await StartRefreshAheadAsync(cache, first);
        await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => refresh.Within());

        // During the back-off the still-valid token is served and no new request goes out.
        Assert.Same(first, await cache.GetTokenAsync(CancellationToken.None));
        Assert.Null(cache.PendingFetch);
        Assert.Equal(2, cache.TokenRequestCount);

        Server.IssueTokens();
        Time.Advance(TimeSpan.FromSeconds(10));
        AccessToken second = await (await StartRefreshAheadAsync(cache, first)).Within();
        Assert.Equal(FakeClarify.Token(2), second.Value);
        Assert.Same(second, await cache.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_refresh_ahead_that_fails_without_Retry_After_waits_before_the_next_background_attempt()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time, new ClarifyTokenCacheOptions { InitialBackoff = TimeSpan.FromSeconds(2) });
        AccessToken first = await cache.GetTokenAsync(CancellationToken.None);
        Server.AnswerTokens(new FakeReply(200, "<html>maintenance</html>"));

        Time.Advance(TimeSpan.FromSeconds(3300));
        Task<AccessToken> failing = await StartRefreshAheadAsync(cache, first);
        await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => failing.Within());

        // A malformed answer is not a back-off for callers without a token, but the background
        // refresh must not ask again on every call while the current token is still good.
        for (int i = 0; i < 20; i++)
        {
            Assert.Same(first, await cache.GetTokenAsync(CancellationToken.None));
        }

        Assert.Null(cache.PendingFetch);
        Assert.Equal(2, cache.TokenRequestCount);

        Server.IssueTokens();
        Time.Advance(TimeSpan.FromSeconds(2));
        AccessToken second = await (await StartRefreshAheadAsync(cache, first)).Within();
        Assert.Equal(FakeClarify.Token(2), second.Value);
        Assert.Equal(3, cache.TokenRequestCount);
    }

    [Fact]
    public async Task A_failed_refresh_ahead_is_logged_once_as_a_warning_naming_the_client_and_a_failed_wait_is_not()
    {
        var logs = new CapturingLoggerFactory();
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time, logs: logs);
        AccessToken first = await cache.GetTokenAsync(CancellationToken.None);
        Server.AnswerTokens(new FakeReply(503, "down", RetryAfter: "10"));

        Time.Advance(TimeSpan.FromSeconds(3300));
        Task<AccessToken> refresh = await StartRefreshAheadAsync(cache, first);
        await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => refresh.Within());

        string line = Assert.Single(logs.Lines, l => l.Contains("RefreshAheadFailed", StringComparison.Ordinal));
        Assert.StartsWith("Warning ", line, StringComparison.Ordinal);
        Assert.Contains($"for client {TestCredentials.ClientId} failed", line, StringComparison.Ordinal);
        Assert.Contains($"stays in use until {first.ExpiresAt:O}", line, StringComparison.Ordinal);
        Assert.Contains($"waits until {Time.GetUtcNow() + TimeSpan.FromSeconds(10):O}", line, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.ClientSecret, line, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Value, line, StringComparison.Ordinal);

        // Past expiry a caller waits for the request and gets its error: nothing was refreshed ahead.
        Time.Advance(TimeSpan.FromSeconds(300));
        await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => cache.GetTokenAsync(CancellationToken.None).AsTask().Within());
        Assert.Equal(2, logs.Lines.Count(l => l.Contains("TokenRequestFailed", StringComparison.Ordinal)));
        Assert.Single(logs.Lines, l => l.Contains("RefreshAheadFailed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_endpoint_slower_than_the_timeout_raises_a_typed_timeout_and_the_next_call_asks_again()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time, new ClarifyTokenCacheOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
        TaskCompletionSource gate = Server.HoldTokens();

        Task<AccessToken> call = cache.GetTokenAsync(CancellationToken.None).AsTask();
        await Server.TokenRequestArrived.Within();
        Time.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => call.Within());
        Assert.Null(error.StatusCode);
        Assert.Contains("did not answer within 10 s", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);

        // The abandoned request may still be answered at the server; the cache must not care.
        gate.SetResult();
        Assert.Contains((await cache.GetTokenAsync(CancellationToken.None)).Value, Server.IssuedTokens);
        Assert.Equal(2, cache.TokenRequestCount);
    }

    [Fact]
    public async Task An_unreachable_token_endpoint_raises_a_typed_error_naming_it()
    {
        var options = new ClarifyOptions(new Uri("http://127.0.0.1:1/v1/"), TestCredentials.IntegrationId, ClarifyCredential.ClientCredentials("id", TestCredentials.ClientSecret));
        using ClarifyTokenCache cache = ClarifyTokenCache.Create(options, timeProvider: Time);

        var error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => cache.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Null(error.StatusCode);
        Assert.Contains("Could not reach Clarify's token endpoint http://127.0.0.1:1/v1/oauth/token", error.Message, StringComparison.Ordinal);
        Assert.IsType<System.Net.Http.HttpRequestException>(error.InnerException);
    }

    /// <summary>
    /// Makes a call inside the refresh window and returns the background refresh it started. The
    /// token endpoint is held until the refresh is captured: on a loaded machine a fast answer
    /// could otherwise finish it, and clear <see cref="ClarifyTokenCache.PendingFetch"/>, first.
    /// </summary>
    private async Task<Task<AccessToken>> StartRefreshAheadAsync(ClarifyTokenCache cache, AccessToken current)
    {
        TaskCompletionSource gate = Server.HoldTokens();
        Assert.Same(current, await cache.GetTokenAsync(CancellationToken.None));
        Task<AccessToken> refresh = Assert.IsType<Task<AccessToken>>(cache.PendingFetch, exactMatch: false);
        gate.SetResult();
        return refresh;
    }
}
