using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests.Hosting;

public sealed class FaultTests
{
    private const string SelectItems = """{"jsonrpc":"2.0","id":1,"method":"clarify.selectItems"}""";

    [Fact]
    public async Task A_rate_limited_token_endpoint_answers_429_with_retry_after_for_the_given_count()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        client.Emulator.Faults.RateLimitTokenEndpoint(TimeSpan.FromSeconds(30), count: 2);

        using HttpResponseMessage first = await client.PostTokenAsync(client.ValidTokenForm());
        using HttpResponseMessage second = await client.PostTokenAsync(client.ValidTokenForm());
        using HttpResponseMessage third = await client.PostTokenAsync(client.ValidTokenForm());

        Assert.Equal(429, (int)first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), first.Headers.RetryAfter!.Delta);
        Assert.Equal(429, (int)second.StatusCode);
        Assert.Equal(200, (int)third.StatusCode);
        Assert.Equal(3, client.Emulator.TokenRequestCount);
        Assert.Equal(1, client.Emulator.IssuedTokenCount);
    }

    [Fact]
    public async Task A_failing_token_endpoint_answers_with_the_given_status_once()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        client.Emulator.Faults.FailTokenEndpoint(503);

        using HttpResponseMessage failed = await client.PostTokenAsync(client.ValidTokenForm());
        using HttpResponseMessage recovered = await client.PostTokenAsync(client.ValidTokenForm());

        Assert.Equal(503, (int)failed.StatusCode);
        Assert.Equal(200, (int)recovered.StatusCode);
    }

    [Fact]
    public async Task Rpc_faults_come_before_authentication_and_run_no_method()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        await client.AuthenticateAsync();
        client.Emulator.Faults.FailRpcEndpoint(500);

        using HttpResponseMessage failed = await client.PostRpcAsync(SelectItems);
        client.Emulator.Faults.RateLimitRpcEndpoint(TimeSpan.FromSeconds(2));
        using HttpResponseMessage limited = await client.PostRpcAsync(SelectItems);
        using HttpResponseMessage served = await client.PostRpcAsync(SelectItems);

        Assert.Equal(500, (int)failed.StatusCode);
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter!.Delta);
        Assert.Equal(200, (int)served.StatusCode);
        Assert.Equal(3, client.Emulator.RpcRequestCount);
        Assert.Equal(1, client.Emulator.GetRpcRequestCount("clarify.selectItems"));
    }

    [Fact]
    public async Task Clear_removes_pending_faults()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        client.Emulator.Faults.FailTokenEndpoint(500, count: 5);
        client.Emulator.Faults.Clear();

        using HttpResponseMessage response = await client.PostTokenAsync(client.ValidTokenForm());

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public void Fault_arguments_are_checked()
    {
        var faults = new ClarifyEmulatorFaults(() => { });

        Assert.Throws<ArgumentOutOfRangeException>(() => faults.FailTokenEndpoint(200));
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.RateLimitRpcEndpoint(TimeSpan.FromSeconds(1), count: 0));
    }
}
