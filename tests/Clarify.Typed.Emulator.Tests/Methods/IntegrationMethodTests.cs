using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests.Methods;

public sealed class IntegrationMethodTests
{
    [Fact]
    public async Task Insert_creates_a_signal_per_new_input_key_and_reuses_it_afterwards()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        string[] times = ["2024-05-01T00:00:00Z"];

        JsonObject first = await client.ResultAsync("integration.insert", Wire.Insert(client.IntegrationId, times, new() { ["a"] = [1.0], ["b"] = [2.0] }));
        JsonObject second = await client.ResultAsync("integration.insert", Wire.Insert(client.IntegrationId, times, new() { ["a"] = [3.0] }));

        JsonObject a = first["signalsByInput"]!["a"]!.AsObject();
        Assert.True(a["created"]!.GetValue<bool>());
        Assert.Matches("^[a-v0-9]{20}$", a["id"]!.GetValue<string>());
        Assert.NotEqual(a["id"]!.GetValue<string>(), first["signalsByInput"]!["b"]!["id"]!.GetValue<string>());
        Assert.False(second["signalsByInput"]!["a"]!["created"]!.GetValue<bool>());
        Assert.Equal(a["id"]!.GetValue<string>(), second["signalsByInput"]!["a"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Inserted_values_read_back_through_dataFrame_to_the_microsecond()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        string[] times = ["2024-05-01T10:00:00.123456Z", "2024-05-01T10:00:00.123457+00:00", "2024-05-01T12:00:00.5+02:00", "2024-05-01T10:00:01.9999999Z"];
        Dictionary<string, string> items = await Wire.InsertAndPublishAsync(client, times, new() { ["temp"] = [1.5, -2.25, null, 1e300] });

        JsonObject result = await client.ResultAsync("clarify.dataFrame", new JsonObject
        {
            ["query"] = new JsonObject { ["filter"] = new JsonObject { ["id"] = items["temp"] } },
            ["data"] = new JsonObject { ["filter"] = new JsonObject { ["times"] = new JsonObject { ["$gte"] = "2024-05-01T00:00:00Z", ["$lt"] = "2024-05-02T00:00:00Z" } } },
        });

        JsonObject frame = result["data"]!.AsObject();
        Assert.Equal(["2024-05-01T10:00:00.123456Z", "2024-05-01T10:00:00.123457Z", "2024-05-01T10:00:01.999999Z"], Wire.Strings(frame["times"]));
        Assert.Equal([1.5, -2.25, 1e300], Wire.Numbers(frame["series"]![items["temp"]]));
        Assert.Single(frame["series"]!.AsObject());
    }

    [Fact]
    public async Task Insert_reports_every_bad_value_by_path_and_stores_nothing()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        var parameters = new JsonObject
        {
            ["integration"] = client.IntegrationId,
            ["data"] = new JsonObject
            {
                ["times"] = Wire.Array("2024-05-01T00:00:00Z", "yesterday"),
                ["series"] = new JsonObject { ["ok"] = Wire.Array(1, 2), ["short"] = Wire.Array(1), ["bad key!"] = Wire.Array(1, 2), ["text"] = Wire.Array(1, "two") },
            },
        };

        JsonObject error = await client.ErrorAsync("integration.insert", parameters);

        Assert.Equal(-32602, error["code"]!.GetValue<int>());
        Assert.Equal(
            ["data.series.bad key!", "data.series.short", "data.series.text.1", "data.times.1"],
            error["data"]!["params"]!.AsObject().Select(p => p.Key).Order().ToArray());
        JsonObject signals = await client.ResultAsync("admin.selectSignals", new JsonObject { ["integration"] = client.IntegrationId });
        Assert.Empty(signals["data"]!.AsArray());
    }

    [Fact]
    public async Task SaveSignals_creates_then_updates_and_selectSignals_returns_the_resources()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        JsonObject Save(string description, bool createOnly = false) => new()
        {
            ["integration"] = client.IntegrationId,
            ["createOnly"] = createOnly,
            ["signalsByInput"] = new JsonObject
            {
                ["temp"] = new JsonObject
                {
                    ["name"] = "Temperature",
                    ["description"] = description,
                    ["engUnit"] = "°C",
                    ["gapDetection"] = "PT1H",
                    ["labels"] = new JsonObject { ["location"] = Wire.Array("Living room", "inside") },
                    ["annotations"] = new JsonObject { ["source/system"] = "emulator-test" },
                },
            },
        };

        JsonObject created = (await client.ResultAsync("integration.saveSignals", Save("Inside")))["signalsByInput"]!["temp"]!.AsObject();
        JsonObject unchanged = (await client.ResultAsync("integration.saveSignals", Save("Inside")))["signalsByInput"]!["temp"]!.AsObject();
        JsonObject skipped = (await client.ResultAsync("integration.saveSignals", Save("Changed", createOnly: true)))["signalsByInput"]!["temp"]!.AsObject();
        JsonObject updated = (await client.ResultAsync("integration.saveSignals", Save("Changed")))["signalsByInput"]!["temp"]!.AsObject();

        Assert.Equal((true, false), (created["created"]!.GetValue<bool>(), created["updated"]!.GetValue<bool>()));
        Assert.Equal((false, false), (unchanged["created"]!.GetValue<bool>(), unchanged["updated"]!.GetValue<bool>()));
        Assert.Equal((false, false), (skipped["created"]!.GetValue<bool>(), skipped["updated"]!.GetValue<bool>()));
        Assert.Equal((false, true), (updated["created"]!.GetValue<bool>(), updated["updated"]!.GetValue<bool>()));

        JsonObject selection = await client.ResultAsync("admin.selectSignals", new JsonObject
        {
            ["integration"] = client.IntegrationId,
            ["query"] = new JsonObject { ["filter"] = new JsonObject { ["labels.location"] = "inside" }, ["total"] = true },
        });
        Assert.Equal(1, selection["meta"]!["total"]!.GetValue<int>());
        JsonObject signal = Assert.Single(selection["data"]!.AsArray())!.AsObject();
        Assert.Equal("signals", signal["type"]!.GetValue<string>());
        Assert.Equal(created["id"]!.GetValue<string>(), signal["id"]!.GetValue<string>());
        Assert.Equal("Changed", signal["attributes"]!["description"]!.GetValue<string>());
        Assert.Equal("temp", signal["attributes"]!["input"]!.GetValue<string>());
        Assert.Equal("emulator-test", signal["meta"]!["annotations"]!["source/system"]!.GetValue<string>());
        Assert.Equal(client.IntegrationId, signal["relationships"]!["integration"]!["data"]!["id"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{40}$", signal["meta"]!["attributesHash"]!.GetValue<string>());
    }

    [Fact]
    public async Task SaveSignals_checks_attribute_values()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject error = await client.ErrorAsync("integration.saveSignals", new JsonObject
        {
            ["integration"] = client.IntegrationId,
            ["signalsByInput"] = new JsonObject
            {
                ["x"] = new JsonObject { ["valueType"] = "text", ["gapDetection"] = "one hour", ["enumValues"] = new JsonObject { ["one"] = "1" } },
            },
        });

        Assert.Equal(
            ["signalsByInput.x.enumValues.one", "signalsByInput.x.gapDetection", "signalsByInput.x.name", "signalsByInput.x.valueType"],
            error["data"]!["params"]!.AsObject().Select(p => p.Key).Order().ToArray());
    }

    [Fact]
    public async Task Resources_have_the_shape_of_clarifys_fixtures()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        await Wire.InsertAndPublishAsync(client, ["2024-05-01T00:00:00Z"], new() { ["temp"] = [1.0] });

        JsonObject selection = await client.ResultAsync("admin.selectSignals", new JsonObject { ["integration"] = client.IntegrationId, ["include"] = Wire.Array("item") });

        // Key sets of clarify-go's testdata/result_admin_selectsignals.json (plus relationshipsHash, which the API documents).
        JsonObject signal = selection["data"]![0]!.AsObject();
        Assert.Equal(["attributes", "id", "meta", "relationships", "type"], Keys(signal));
        Assert.Equal(["annotations", "attributesHash", "createdAt", "relationshipsHash", "updatedAt"], Keys(signal["meta"]));
        Assert.Equal(
            ["description", "engUnit", "enumValues", "gapDetection", "input", "labels", "name", "sampleInterval", "sourceType", "valueType"],
            Keys(signal["attributes"]));
        Assert.Equal(["integration", "item"], Keys(signal["relationships"]));
        JsonObject item = selection["included"]!["items"]![0]!.AsObject();
        Assert.Equal("items", item["type"]!.GetValue<string>());
        Assert.Equal(signal["relationships"]!["item"]!["data"]!["id"]!.GetValue<string>(), item["id"]!.GetValue<string>());
        Assert.Equal(
            ["description", "engUnit", "enumValues", "gapDetection", "labels", "name", "sampleInterval", "sourceType", "valueType", "visible"],
            Keys(item["attributes"]));
        Assert.Equal(["format", "total"], Keys(selection["meta"]));
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$"), signal["meta"]!["createdAt"]!.GetValue<string>());
    }

    private static string[] Keys(JsonNode? node) => node!.AsObject().Select(p => p.Key).Order().ToArray();
}
