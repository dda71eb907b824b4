using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests.Rpc;

/// <summary>API versions and method names as Clarify takes them from its official clients.</summary>
public sealed class ApiVersionTests
{
    [Theory]
    [InlineData("1.1beta1")]
    [InlineData("1.1beta2")]
    [InlineData("1.1")]
    [InlineData("1.2alpha1")]
    public async Task Every_version_clarify_serves_is_accepted_and_echoed(string version)
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 1,
            ["method"] = "integration.insert",
            ["params"] = Methods.Wire.Insert(client.IntegrationId, [], []),
        };

        using HttpResponseMessage response = await client.PostRpcAsync(request.ToJsonString(), apiVersion: version);
        JsonObject body = await EmulatorClient.ReadObjectAsync(response);

        Assert.Null(body["error"]);
        Assert.NotNull(body["result"]!["signalsByInput"]);
        Assert.Equal(version, Assert.Single(response.Headers.GetValues("X-API-Version")));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("v1.1beta1")]
    [InlineData("2")]
    public async Task An_unknown_version_is_method_not_found_naming_the_versions_there_are(string version)
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject error = await client.ErrorAsync("clarify.selectItems", apiVersion: version);

        Assert.Equal(-32601, error["code"]!.GetValue<int>());
        string message = error["message"]!.GetValue<string>();
        Assert.Contains($"'{version}'", message, System.StringComparison.Ordinal);
        Assert.Contains("1.1beta1, 1.1beta2, 1.1 or 1.2alpha1", message, System.StringComparison.Ordinal);
        Assert.Equal(0, client.Emulator.GetRpcRequestCount("clarify.selectItems"));
    }

    [Theory]
    [InlineData("integration.Insert")]
    [InlineData("INTEGRATION.INSERT")]
    [InlineData("integration.insert")]
    public async Task Method_names_are_matched_without_regard_to_case_and_counted_under_one_name(string spelling)
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject result = await client.ResultAsync(spelling, Methods.Wire.Insert(client.IntegrationId, ["2024-01-01T00:00:00Z"], new() { ["a"] = [1.0] }));

        Assert.True(result["signalsByInput"]!["a"]!["created"]!.GetValue<bool>());
        Assert.Equal(1, client.Emulator.GetRpcRequestCount("integration.insert"));
        Assert.Equal(["integration.insert"], client.Emulator.RpcRequestCountsByMethod.Keys);
    }

    [Fact]
    public async Task A_name_that_differs_by_more_than_case_is_still_not_found()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject error = await client.ErrorAsync("integration.inserts");

        Assert.Equal(-32601, error["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_method_an_older_version_lacks_names_the_versions_that_have_it()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject connect = await client.ErrorAsync("admin.ConnectSignals", new JsonObject { ["integration"] = client.IntegrationId }, apiVersion: "1.1");
        JsonObject select = await client.ErrorAsync("admin.SelectSignals", new JsonObject { ["integration"] = client.IntegrationId }, apiVersion: "1.1beta1");

        Assert.Equal(-32601, connect["code"]!.GetValue<int>());
        Assert.Contains("admin.connectSignals needs the header X-API-Version: 1.2alpha1", connect["message"]!.GetValue<string>(), System.StringComparison.Ordinal);
        Assert.Equal(-32601, select["code"]!.GetValue<int>());
        Assert.Contains("1.1beta2, 1.1 or 1.2alpha1", select["message"]!.GetValue<string>(), System.StringComparison.Ordinal);
    }
}
