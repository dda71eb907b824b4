using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.Emulator;
using Clarify.Typed.Models;
using Microsoft.Extensions.Time.Testing;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.EndToEnd.Tests.Authentication;

/// <summary>
/// Tokens expiring, being revoked and being refused, with one <see cref="FakeTimeProvider"/> driving
/// both the emulator's expiry and the client's token cache.
/// </summary>
public sealed class TokenLifecycleTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Calls_keep_succeeding_across_expiries_with_one_token_request_per_expiry()
    {
        var time = new FakeTimeProvider();
        await using ClarifyEmulator emulator = await StartEmulatorAsync(time, configure: o => o.TokenLifetime = Lifetime);
        using ClarifyClient client = CreateClient(emulator, time);
        await client.SelectItemsAsync();

        const int expiries = 4;
        for (int i = 0; i < expiries; i++)
        {
            time.Advance(Lifetime / 4);
            await client.SelectItemsAsync();
            time.Advance(Lifetime * 3 / 4);
            await client.SelectItemsAsync();
        }

        Assert.Equal(expiries + 1, emulator.TokenRequestCount);
        Assert.Equal(expiries + 1, emulator.IssuedTokenCount);

        // The client renewed each token before the server would refuse it: no request was sent twice.
        Assert.Equal((2 * expiries) + 1, emulator.RpcRequestCount);
    }

    [Fact]
    public async Task A_token_near_its_end_is_refreshed_in_the_background_while_calls_use_it()
    {
        var time = new FakeTimeProvider();
        await using ClarifyEmulator emulator = await StartEmulatorAsync(time, configure: o => o.TokenLifetime = Lifetime);
        using ClarifyClient client = CreateClient(emulator, time);
        await client.SelectItemsAsync();

        // Past the refresh point (a tenth of the lifetime before the client's expiry) but not expired.
        time.Advance(Lifetime * 0.85);
        await client.SelectItemsAsync();
        await EventuallyAsync(() => emulator.IssuedTokenCount == 2, "the background refresh got a new token");
        time.Advance(Lifetime * 0.2);
        await client.SelectItemsAsync();

        Assert.Equal(2, emulator.TokenRequestCount);
        Assert.Equal(3, emulator.RpcRequestCount);
    }

    [Fact]
    public async Task A_token_revoked_by_the_server_is_replaced_by_one_new_token_and_the_call_replayed()
    {
        var time = new FakeTimeProvider();
        await using ClarifyEmulator emulator = await StartEmulatorAsync(time, configure: o => o.TokenLifetime = Lifetime);
        using ClarifyClient client = CreateClient(emulator, time);
        await client.SelectItemsAsync();

        emulator.Faults.ExpireAllTokens();
        Selection<List<Resource<ItemAttributes>>> items = await client.SelectItemsAsync(new ResourceQuery { Total = true });
        await client.SelectItemsAsync();

        Assert.Equal(0, items.Meta!.Total);
        Assert.Equal(2, emulator.TokenRequestCount);

        // The first call; the second, refused with 401 and replayed once; the third, on the new token.
        Assert.Equal(4, emulator.RpcRequestCount);
    }

    [Fact]
    public async Task A_rate_limited_token_endpoint_is_a_typed_error_honoured_until_retry_after_then_recovered()
    {
        var time = new FakeTimeProvider();
        await using ClarifyEmulator emulator = await StartEmulatorAsync(time);
        using ClarifyClient client = CreateClient(emulator, time);
        emulator.Faults.RateLimitTokenEndpoint(TimeSpan.FromSeconds(30));

        ClarifyAuthenticationException error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => client.SelectItemsAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal("too_many_requests", error.Error);
        Assert.DoesNotContain(ClarifyEmulatorOptions.DefaultClientSecret, error.ToString(), StringComparison.Ordinal);

        // Within Retry-After the failure is repeated without asking the server again.
        time.Advance(TimeSpan.FromSeconds(29));
        await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => client.SelectItemsAsync());
        Assert.Equal(1, emulator.TokenRequestCount);

        time.Advance(TimeSpan.FromSeconds(1));
        await client.SelectItemsAsync();

        Assert.Equal(2, emulator.TokenRequestCount);
        Assert.Equal(1, emulator.IssuedTokenCount);
        Assert.Equal(1, emulator.RpcRequestCount);
    }

    [Fact]
    public async Task A_failing_token_endpoint_is_a_typed_error_and_the_call_after_the_back_off_succeeds()
    {
        var time = new FakeTimeProvider();
        await using ClarifyEmulator emulator = await StartEmulatorAsync(time);
        using ClarifyClient client = CreateClient(emulator, time);
        emulator.Faults.FailTokenEndpoint(500);

        ClarifyAuthenticationException error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => client.SelectItemsAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("server_error", error.Error);
        TimeSpan backOff = Assert.NotNull(error.RetryAfter);
        Assert.InRange(backOff, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        Assert.Equal(0, emulator.RpcRequestCount);

        time.Advance(backOff);
        await client.SelectItemsAsync();

        Assert.Equal(2, emulator.TokenRequestCount);
        Assert.Equal(1, emulator.RpcRequestCount);
    }
}
