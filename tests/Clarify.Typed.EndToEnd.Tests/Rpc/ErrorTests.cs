using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.EndToEnd.Tests.Rpc;

/// <summary>How the real server's refusals reach the caller: typed, with the server's details and no secret.</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task Invalid_params_are_an_rpc_exception_listing_every_problem_by_path()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);

        ClarifyRpcException error = await Assert.ThrowsAsync<ClarifyRpcException>(() => client.SaveSignalsAsync(new Dictionary<string, SignalSave>
        {
            ["ok"] = new() { Name = "Fine" },
            ["nameless"] = new() { Description = "no name" },
            ["labelled"] = new() { Name = "Labelled", Labels = new() { ["not a key!"] = ["x"] } },
        }));

        Assert.Equal(ClarifyRpcErrorCode.InvalidParams, error.Code);
        Assert.Equal(ClarifyRpcMethods.SaveSignals, error.Method);
        Assert.Equal(2, error.Params.Count);
        Assert.Contains(error.Params.Keys, path => path.Contains("nameless", StringComparison.Ordinal) && path.EndsWith("name", StringComparison.Ordinal));
        Assert.Contains(error.Params.Keys, path => path.Contains("labelled", StringComparison.Ordinal) && path.Contains("labels", StringComparison.Ordinal));
        Assert.All(error.Params.Values, messages => Assert.NotEmpty(messages));
        Assert.Matches("^[0-9a-f]{32}$", error.Trace);
        Assert.All(error.Params.Keys, path => Assert.Contains("params." + path, error.Message, StringComparison.Ordinal));

        // Nothing was saved: the call is atomic.
        Selection<List<Resource<SignalAttributes>>> signals = await client.SelectSignalsAsync(new ResourceQuery { Total = true });
        Assert.Equal(0, signals.Meta!.Total);
    }

    [Fact]
    public async Task A_429_is_an_http_exception_carrying_the_servers_retry_after()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);
        await client.SelectItemsAsync();
        emulator.Faults.RateLimitRpcEndpoint(TimeSpan.FromSeconds(7));

        ClarifyHttpException limited = await Assert.ThrowsAsync<ClarifyHttpException>(() => client.SelectItemsAsync());
        emulator.Faults.FailRpcEndpoint(503);
        ClarifyHttpException failed = await Assert.ThrowsAsync<ClarifyHttpException>(() => client.SelectItemsAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.RetryAfter);
        Assert.Null(failed.RetryAfter);
    }

    [Fact]
    public async Task A_page_over_the_server_limit_is_invalid_params_on_the_limit()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);

        ClarifyRpcException error = await Assert.ThrowsAsync<ClarifyRpcException>(() => client.SelectItemsAsync(new ResourceQuery { Limit = 1001 }));

        Assert.Equal(ClarifyRpcErrorCode.InvalidParams, error.Code);
        Assert.Equal("query.limit", Assert.Single(error.Params).Key);
    }

    [Fact]
    public async Task Another_integration_is_forbidden()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        var stranger = new ClarifyOptions(emulator.ApiUrl, "c0other0000000000000", emulator.Options.Credential);
        using ClarifyClient client = CreateClient(stranger);

        ClarifyRpcException error = await Assert.ThrowsAsync<ClarifyRpcException>(() => client.SelectSignalsAsync());

        Assert.Equal(ClarifyRpcErrorCode.Forbidden, error.Code);
        Assert.Equal(ClarifyRpcMethods.SelectSignals, error.Method);
        Assert.Matches("^[0-9a-f]{32}$", error.Trace);
        Assert.Contains("admin UI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_failure_is_an_http_exception_and_the_next_call_succeeds()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);
        await client.SelectItemsAsync();
        emulator.Faults.FailRpcEndpoint(500);

        ClarifyHttpException error = await Assert.ThrowsAsync<ClarifyHttpException>(() => client.SelectItemsAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(ClarifyRpcMethods.SelectItems, error.Method);
        Assert.Contains("server_error", error.BodyExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain(ClarifyEmulatorOptions.DefaultClientSecret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", error.ToString(), StringComparison.Ordinal);
        Selection<List<Resource<ItemAttributes>>> items = await client.SelectItemsAsync(new ResourceQuery { Total = true });
        Assert.Equal(0, items.Meta!.Total);
        Assert.Equal(3, emulator.RpcRequestCount);
        Assert.Equal(2, emulator.GetRpcRequestCount(ClarifyRpcMethods.SelectItems));
    }

    [Fact]
    public async Task A_rate_limited_rpc_is_an_http_exception_saying_so()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);
        emulator.Faults.RateLimitRpcEndpoint(TimeSpan.FromSeconds(1));

        ClarifyHttpException error = await Assert.ThrowsAsync<ClarifyHttpException>(() => client.SelectItemsAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains("rate limits", error.Message, StringComparison.Ordinal);
        Assert.Empty((await client.SelectItemsAsync()).Data!);
    }
}
