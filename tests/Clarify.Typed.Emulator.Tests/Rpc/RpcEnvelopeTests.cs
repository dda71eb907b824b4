using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests.Rpc;

public sealed class RpcEnvelopeTests
{
    [Fact]
    public async Task Invalid_json_is_a_parse_error_with_a_trace()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        using HttpResponseMessage response = await client.PostRpcAsync("{\"jsonrpc\": \"2.0\", \"id\": 1,");
        JsonObject body = await EmulatorClient.ReadObjectAsync(response);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(-32700, body["error"]!["code"]!.GetValue<int>());
        Assert.Null(body["id"]);
        Assert.Equal(32, body["error"]!["data"]!["trace"]!.GetValue<string>().Length);
    }

    [Theory]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"clarify.selectItems"}]""", "batch")]
    [InlineData("""{"id":1,"method":"clarify.selectItems"}""", "jsonrpc")]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"clarify.selectItems"}""", "jsonrpc")]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", "method")]
    [InlineData("""{"jsonrpc":"2.0","id":{"a":1},"method":"clarify.selectItems"}""", "id")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"clarify.selectItems","params":[1]}""", "params")]
    public async Task A_malformed_envelope_is_an_invalid_request(string request, string mentioned)
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        using HttpResponseMessage response = await client.PostRpcAsync(request);
        JsonNode error = (await EmulatorClient.ReadObjectAsync(response))["error"]!;

        Assert.Equal(-32600, error["code"]!.GetValue<int>());
        Assert.Contains(mentioned, error["message"]!.GetValue<string>(), System.StringComparison.Ordinal);
        Assert.NotNull(error["data"]!["trace"]);
    }

    [Fact]
    public async Task A_request_without_id_is_a_notification_answered_with_204_and_no_body()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        using HttpResponseMessage response = await client.PostRpcAsync(
            """{"jsonrpc":"2.0","method":"integration.saveSignals","params":{"integration":"INTEGRATION","signalsByInput":{"quiet":{"name":"Quiet"}}}}""".Replace("INTEGRATION", client.IntegrationId, System.StringComparison.Ordinal));

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        JsonObject selection = await client.ResultAsync("admin.selectSignals", new JsonObject { ["integration"] = client.IntegrationId });
        Assert.Equal("Quiet", Assert.Single(selection["data"]!.AsArray())!["attributes"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_method_is_method_not_found()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject error = await client.ErrorAsync("clarify.selectEverything");

        Assert.Equal(-32601, error["code"]!.GetValue<int>());
        Assert.NotNull(error["data"]!["trace"]);
    }

    [Fact]
    public async Task Invalid_params_list_every_problem_by_path()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject error = await client.ErrorAsync("clarify.selectItems", new JsonObject
        {
            ["query"] = new JsonObject { ["limit"] = 1001, ["skip"] = -1, ["filter"] = new JsonObject { ["name"] = new JsonObject { ["$like"] = "x" } } },
        });

        Assert.Equal(-32602, error["code"]!.GetValue<int>());
        JsonObject byPath = error["data"]!["params"]!.AsObject();
        Assert.Equal(["query.filter.name.$like", "query.limit", "query.skip"], byPath.Select(p => p.Key).Order().ToArray());
        Assert.All(byPath, p => Assert.NotEmpty(p.Value!.AsArray()));
    }

    [Fact]
    public async Task The_integration_parameter_must_be_the_authenticated_one()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject error = await client.ErrorAsync("admin.selectSignals", new JsonObject { ["integration"] = "c0000000000000000000" });

        Assert.Equal(-32003, error["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_oversize_body_gets_413_with_a_json_rpc_error_and_runs_nothing()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync(o => o.MaxRequestBodySize = 1024);
        string padding = new('x', 2048);

        using HttpResponseMessage response = await client.PostRpcAsync(
            """{"jsonrpc":"2.0","id":1,"method":"clarify.selectItems","params":{"query":{"filter":{"name":"PADDING"}}}}""".Replace("PADDING", padding, System.StringComparison.Ordinal));
        JsonObject body = await EmulatorClient.ReadObjectAsync(response);

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal(-32600, body["error"]!["code"]!.GetValue<int>());
        Assert.Contains("1024", body["error"]!["message"]!.GetValue<string>(), System.StringComparison.Ordinal);
        Assert.Equal(0, client.Emulator.GetRpcRequestCount("clarify.selectItems"));
    }

    [Fact]
    public async Task The_default_size_limit_is_8_MiB()
    {
        Assert.Equal(8 * 1024 * 1024, new ClarifyEmulatorOptions().MaxRequestBodySize);
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        using HttpResponseMessage response = await client.PostRpcAsync(new string(' ', (8 * 1024 * 1024) + 1));

        Assert.Equal(413, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_content_gets_415()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        using HttpResponseMessage response = await client.PostRpcAsync("""{"jsonrpc":"2.0","id":1,"method":"clarify.selectItems"}""", contentType: "text/plain");

        Assert.Equal(415, (int)response.StatusCode);
    }

    [Theory]
    [InlineData(null, "1.1")]
    [InlineData("1.1", "1.1")]
    [InlineData("1.2alpha1", "1.2alpha1")]
    public async Task The_api_version_is_echoed(string? asked, string echoed)
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        using HttpResponseMessage response = await client.PostRpcAsync("""{"jsonrpc":"2.0","id":1,"method":"clarify.selectItems"}""", apiVersion: asked);

        Assert.Equal(echoed, Assert.Single(response.Headers.GetValues("X-API-Version")));
        Assert.StartsWith("00-", Assert.Single(response.Headers.GetValues("traceparent")), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connecting_signals_needs_the_alpha_api_version()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject error = await client.ErrorAsync("admin.connectSignals", new JsonObject { ["integration"] = client.IntegrationId, ["item"] = "c0000000000000000000" });

        Assert.Equal(-32601, error["code"]!.GetValue<int>());
        Assert.Contains("1.2alpha1", error["message"]!.GetValue<string>(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ids_may_be_strings_and_are_echoed()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        using HttpResponseMessage response = await client.PostRpcAsync("""{"jsonrpc":"2.0","id":"abc-1","method":"clarify.selectItems"}""");

        Assert.Equal("abc-1", (await EmulatorClient.ReadObjectAsync(response))["id"]!.GetValue<string>());
    }
}
