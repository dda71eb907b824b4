using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests.Methods;

/// <summary>Parameter shapes from before API 1.1 that official clients still send.</summary>
public sealed class OlderShapeTests
{
    [Theory]
    [InlineData("1.1beta2")]
    [InlineData("1.1")]
    public async Task SaveSignals_takes_inputs_as_the_older_name_of_signalsByInput(string version)
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject result = await client.ResultAsync("integration.saveSignals", new JsonObject
        {
            ["integration"] = client.IntegrationId,
            ["inputs"] = new JsonObject { ["pump-1"] = new JsonObject { ["name"] = "Pump 1" } },
            ["createOnly"] = false,
        }, version);

        Assert.True(result["signalsByInput"]!["pump-1"]!["created"]!.GetValue<bool>());
        Assert.Equal(["Pump 1"], await SignalNamesAsync(client));
    }

    [Fact]
    public async Task SaveSignals_names_the_older_param_in_its_errors_and_refuses_both_names_at_once()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject invalid = await client.ErrorAsync("integration.saveSignals", new JsonObject
        {
            ["integration"] = client.IntegrationId,
            ["inputs"] = new JsonObject { ["bad key!"] = new JsonObject { ["name"] = "x" } },
        }, "1.1beta2");
        JsonObject both = await client.ErrorAsync("integration.saveSignals", new JsonObject
        {
            ["integration"] = client.IntegrationId,
            ["inputs"] = new JsonObject { ["a"] = new JsonObject { ["name"] = "A" } },
            ["signalsByInput"] = new JsonObject { ["b"] = new JsonObject { ["name"] = "B" } },
        });

        Assert.NotNull(invalid["data"]!["params"]!["inputs.bad key!"]);
        Assert.NotNull(both["data"]!["params"]!["inputs"]);
        Assert.Empty(await SignalNamesAsync(client));
    }

    [Fact]
    public async Task Beta_versions_take_type_as_the_older_name_of_valueType()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        JsonObject Save(string input) => new()
        {
            ["integration"] = client.IntegrationId,
            ["inputs"] = new JsonObject { [input] = new JsonObject { ["name"] = input, ["type"] = "enum", ["enumValues"] = new JsonObject { ["0"] = "off" } } },
        };

        await client.ResultAsync("integration.SaveSignals", Save("beta"), "1.1beta2");
        await client.ResultAsync("integration.saveSignals", Save("stable"), "1.1");
        JsonObject wrong = await client.ErrorAsync("integration.SaveSignals", new JsonObject
        {
            ["integration"] = client.IntegrationId,
            ["inputs"] = new JsonObject { ["x"] = new JsonObject { ["name"] = "x", ["type"] = "text" } },
        }, "1.1beta2");

        JsonObject signals = await client.ResultAsync("admin.selectSignals", new JsonObject { ["integration"] = client.IntegrationId });
        string ValueType(string name) => signals["data"]!.AsArray().Single(s => s!["attributes"]!["name"]!.GetValue<string>() == name)!["attributes"]!["valueType"]!.GetValue<string>();
        Assert.Equal("enum", ValueType("beta"));
        Assert.Equal("numeric", ValueType("stable")); // 1.1 knows no "type": it is ignored like any unknown member
        Assert.NotNull(wrong["data"]!["params"]!["inputs.x.type"]);
    }

    [Fact]
    public async Task SelectItems_in_1_1beta1_selects_items_by_id_and_their_data_at_once()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        string[] times = ["2024-03-01T00:00:00Z", "2024-03-01T00:30:00Z", "2024-03-01T01:00:00Z"];
        Dictionary<string, string> ids = await Wire.InsertAndPublishAsync(client, times, new() { ["a"] = [1, 3, 5], ["b"] = [10, null, 30] });

        JsonObject raw = await client.ResultAsync("clarify.SelectItems", Beta1Select(new JsonObject { ["id"] = new JsonObject { ["$in"] = Wire.Array(ids["a"], ids["b"]) } }, rollup: null), "1.1beta1");
        JsonObject hourly = await client.ResultAsync("clarify.SelectItems", Beta1Select(new JsonObject { ["id"] = ids["a"] }, rollup: "PT1H"), "1.1beta1");

        JsonObject item = raw["items"]![ids["a"]]!.AsObject();
        Assert.Equal("a", item["name"]!.GetValue<string>());
        Assert.Equal("numeric", item["type"]!.GetValue<string>());
        Assert.Null(item["visible"]);
        Assert.Equal(2, raw["items"]!.AsObject().Count);
        Assert.Equal(times, Wire.Strings(raw["data"]!["times"]));
        Assert.Equal([1, 3, 5], Wire.Numbers(raw["data"]!["series"]![ids["a"]]));
        Assert.Equal([10, null, 30], Wire.Numbers(raw["data"]!["series"]![ids["b"]]));
        Assert.Equal(["2024-03-01T00:00:00Z", "2024-03-01T01:00:00Z"], Wire.Strings(hourly["data"]!["times"]));
        Assert.Equal([4, 5], Wire.Numbers(hourly["data"]!["series"]![ids["a"] + "_sum"]));
    }

    [Fact]
    public async Task SelectItems_in_1_1beta1_leaves_out_what_was_not_included()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        await Wire.InsertAndPublishAsync(client, ["2024-03-01T00:00:00Z"], new() { ["a"] = [1] });

        JsonObject itemsOnly = await client.ResultAsync("clarify.selectItems", new JsonObject
        {
            ["items"] = new JsonObject { ["include"] = true },
            ["data"] = new JsonObject { ["include"] = false },
        }, "1.1beta1");

        Assert.Single(itemsOnly["items"]!.AsObject());
        Assert.Null(itemsOnly["data"]);
    }

    [Fact]
    public async Task SelectItems_in_1_1beta1_names_its_own_params_in_errors()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject error = await client.ErrorAsync("clarify.selectItems", new JsonObject
        {
            ["items"] = new JsonObject { ["include"] = true, ["limit"] = 51 },
            ["data"] = new JsonObject { ["include"] = true, ["notBefore"] = "yesterday" },
        }, "1.1beta1");

        Assert.Equal(-32602, error["code"]!.GetValue<int>());
        Assert.Equal(["data.notBefore", "items.limit"], error["data"]!["params"]!.AsObject().Select(p => p.Key).Order().ToArray());
    }

    private static JsonObject Beta1Select(JsonObject filter, string? rollup) => new()
    {
        ["items"] = new JsonObject { ["include"] = true, ["filter"] = filter, ["limit"] = 10, ["skip"] = 0 },
        ["data"] = new JsonObject { ["include"] = true, ["notBefore"] = "2024-03-01T00:00:00Z", ["before"] = "2024-03-02T00:00:00Z", ["rollup"] = rollup },
    };

    private static async Task<string[]> SignalNamesAsync(EmulatorClient client)
    {
        JsonObject signals = await client.ResultAsync("admin.selectSignals", new JsonObject { ["integration"] = client.IntegrationId });
        return signals["data"]!.AsArray().Select(s => s!["attributes"]!["name"]!.GetValue<string>()).ToArray();
    }
}
