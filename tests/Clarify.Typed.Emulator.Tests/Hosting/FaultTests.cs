using System;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

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

    [Fact]
    public async Task An_outage_answers_every_rpc_request_with_503_until_it_ends_while_tokens_are_still_issued()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        client.Emulator.Faults.StartOutage();

        await client.AuthenticateAsync();
        using HttpResponseMessage first = await client.PostRpcAsync(SelectItems);
        using HttpResponseMessage second = await client.PostRpcAsync(SelectItems);
        client.Emulator.Faults.EndOutage();
        using HttpResponseMessage served = await client.PostRpcAsync(SelectItems);

        Assert.Equal(503, (int)first.StatusCode);
        Assert.Equal(503, (int)second.StatusCode);
        Assert.Equal(200, (int)served.StatusCode);
        Assert.Equal(1, client.Emulator.GetRpcRequestCount("clarify.selectItems"));
    }

    [Fact]
    public async Task A_rejected_input_key_fails_the_whole_insert_with_invalid_params_naming_its_series()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        await client.AuthenticateAsync();
        client.Emulator.Faults.RejectInputKey("bad");

        JsonObject error = await client.ErrorAsync("integration.insert", Insert("good", "bad"));
        JsonObject accepted = await client.ResultAsync("integration.insert", Insert("good"));

        Assert.Equal(-32602, error["code"]!.GetValue<int>());
        Assert.NotNull(error["data"]!["params"]!["data.series.bad"]);
        Assert.Null(error["data"]!["params"]!["data.series.good"]);
        Assert.NotNull(accepted["signalsByInput"]!["good"]);
        Assert.Equal(1, client.Emulator.InsertedValueCount);
        Assert.Empty(client.Emulator.GetSamples("bad"));

        JsonObject Insert(params string[] keys)
        {
            var series = new JsonObject();
            foreach (string key in keys)
            {
                series[key] = new JsonArray(1.5);
            }

            return new JsonObject
            {
                ["integration"] = client.IntegrationId,
                ["data"] = new JsonObject { ["times"] = new JsonArray("2026-01-01T00:00:00Z"), ["series"] = series },
            };
        }
    }

    [Fact]
    public async Task Slow_answers_wait_on_the_emulators_clock()
    {
        var time = new FakeTimeProvider();
        await using EmulatorClient client = await EmulatorClient.StartAsync(o => o.TimeProvider = time);
        await client.AuthenticateAsync();
        client.Emulator.Faults.SlowRpcAnswers(TimeSpan.FromSeconds(10));

        Task<HttpResponseMessage> answer = client.PostRpcAsync(SelectItems);
        await Eventually.TrueAsync(() => client.Emulator.RpcRequestCount == 1, "the request arrives");
        time.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(50);
        Assert.False(answer.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        using HttpResponseMessage response = await answer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(200, (int)response.StatusCode);
    }
}
