using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests.Methods;

public sealed class ItemMethodTests
{
    [Fact]
    public async Task PublishSignals_creates_one_item_per_signal_then_updates_it()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        JsonObject inserted = await client.ResultAsync("integration.insert", Wire.Insert(client.IntegrationId, ["2024-01-01T00:00:00Z"], new() { ["p"] = [1.0] }));
        string signalId = inserted["signalsByInput"]!["p"]!["id"]!.GetValue<string>();
        JsonObject Publish(string name, bool createOnly = false) => new()
        {
            ["integration"] = client.IntegrationId,
            ["createOnly"] = createOnly,
            ["itemsBySignal"] = new JsonObject { [signalId] = new JsonObject { ["name"] = name, ["visible"] = true } },
        };

        JsonObject created = (await client.ResultAsync("admin.publishSignals", Publish("Pressure")))["itemsBySignal"]![signalId]!.AsObject();
        JsonObject kept = (await client.ResultAsync("admin.publishSignals", Publish("Renamed", createOnly: true)))["itemsBySignal"]![signalId]!.AsObject();
        JsonObject updated = (await client.ResultAsync("admin.publishSignals", Publish("Renamed")))["itemsBySignal"]![signalId]!.AsObject();

        Assert.Equal((true, false), (created["created"]!.GetValue<bool>(), created["updated"]!.GetValue<bool>()));
        Assert.Equal((false, false), (kept["created"]!.GetValue<bool>(), kept["updated"]!.GetValue<bool>()));
        Assert.Equal((false, true), (updated["created"]!.GetValue<bool>(), updated["updated"]!.GetValue<bool>()));
        Assert.Equal(created["id"]!.GetValue<string>(), updated["id"]!.GetValue<string>());
        JsonObject items = await client.ResultAsync("clarify.selectItems");
        Assert.Equal("Renamed", Assert.Single(items["data"]!.AsArray())!["attributes"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task PublishSignals_refuses_an_unknown_signal()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject error = await client.ErrorAsync("admin.publishSignals", new JsonObject
        {
            ["integration"] = client.IntegrationId,
            ["itemsBySignal"] = new JsonObject { ["c0000000000000000000"] = new JsonObject { ["name"] = "x" } },
        });

        Assert.Equal(-32602, error["code"]!.GetValue<int>());
        Assert.NotNull(error["data"]!["params"]!["itemsBySignal.c0000000000000000000"]);
    }

    public static TheoryData<string, string[]> Filters() => new()
    {
        { """{"name":"b"}""", ["b"] },
        { """{"name":{"$in":["a","c","zz"]}}""", ["a", "c"] },
        { """{"name":{"$nin":["a","c"]}}""", ["b", "d"] },
        { """{"name":{"$ne":"a"}}""", ["b", "c", "d"] },
        { """{"name":{"$gt":"b"}}""", ["c", "d"] },
        { """{"name":{"$gte":"b","$lt":"d"}}""", ["b", "c"] },
        { """{"name":{"$lte":"b"}}""", ["a", "b"] },
        { """{"name":{"$regex":"^[ab]$"}}""", ["a", "b"] },
        { """{"labels.site":"north"}""", ["a", "c"] },
        { """{"annotations.rank":"high"}""", ["d"] },
        { """{"$or":[{"name":"a"},{"annotations.rank":"high"}]}""", ["a", "d"] },
        { """{"$and":[{"labels.site":"north"},{"name":{"$ne":"a"}}]}""", ["c"] },
        { """{"visible":false}""", ["b"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task SelectItems_filters_like_clarify(string filter, string[] expected)
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        await PublishItemsAsync(client);

        JsonObject result = await client.ResultAsync("clarify.selectItems", new JsonObject
        {
            ["query"] = new JsonObject { ["filter"] = JsonNode.Parse(filter), ["sort"] = Wire.Array("name") },
        });

        Assert.Equal(expected, Names(result));
    }

    [Fact]
    public async Task SelectItems_sorts_pages_and_counts_the_total()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        await PublishItemsAsync(client);

        JsonObject firstPage = await client.ResultAsync("clarify.selectItems", new JsonObject { ["query"] = new JsonObject { ["sort"] = Wire.Array("-name"), ["limit"] = 3, ["total"] = true } });
        JsonObject secondPage = await client.ResultAsync("clarify.selectItems", new JsonObject { ["query"] = new JsonObject { ["sort"] = Wire.Array("-name"), ["limit"] = 3, ["skip"] = 3, ["total"] = true } });
        JsonObject noTotal = await client.ResultAsync("clarify.selectItems", new JsonObject { ["query"] = new JsonObject { ["sort"] = "name", ["limit"] = 0 } });
        JsonObject byVisibleThenName = await client.ResultAsync("clarify.selectItems", new JsonObject { ["query"] = new JsonObject { ["sort"] = Wire.Array("visible", "-name") } });

        Assert.Equal(["d", "c", "b"], Names(firstPage));
        Assert.Equal(["a"], Names(secondPage));
        Assert.Equal(4, firstPage["meta"]!["total"]!.GetValue<int>());
        Assert.Equal(4, secondPage["meta"]!["total"]!.GetValue<int>());
        Assert.Equal(-1, noTotal["meta"]!["total"]!.GetValue<int>());
        Assert.Empty(noTotal["data"]!.AsArray());
        Assert.Equal(["b", "d", "c", "a"], Names(byVisibleThenName));
    }

    [Fact]
    public async Task SelectItems_returns_20_items_by_default_in_creation_order()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        string[] inputs = Enumerable.Range(0, 25).Select(i => $"s{i:00}").ToArray();
        await Wire.InsertAndPublishAsync(client, ["2024-01-01T00:00:00Z"], inputs.ToDictionary(i => i, _ => new double?[] { 1 }));

        JsonObject result = await client.ResultAsync("clarify.selectItems");

        Assert.Equal(20, result["data"]!.AsArray().Count);
        string[] ids = result["data"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToArray();
        Assert.Equal(ids.Order(System.StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task ConnectSignals_feeds_an_item_from_more_signals_and_disconnect_undoes_it()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        Dictionary<string, string> items = await Wire.InsertAndPublishAsync(client, ["2024-01-01T00:00:00Z"], new() { ["main"] = [1.0] });
        await client.ResultAsync("integration.insert", Wire.Insert(client.IntegrationId, ["2024-01-01T01:00:00Z"], new() { ["extra"] = [2.0] }));
        JsonObject Extra() => new() { ["filter"] = new JsonObject { ["input"] = "extra" } };
        JsonObject Frame() => new() { ["query"] = new JsonObject { ["filter"] = new JsonObject { ["id"] = items["main"] } } };

        JsonObject connected = await client.ResultAsync(
            "admin.connectSignals", new JsonObject { ["integration"] = client.IntegrationId, ["item"] = items["main"], ["query"] = Extra() }, apiVersion: "1.2alpha1");
        double?[] both = Wire.Numbers((await client.ResultAsync("clarify.dataFrame", Frame()))["data"]!["series"]![items["main"]]);
        JsonObject disconnected = await client.ResultAsync(
            "admin.disconnectSignals", new JsonObject { ["integration"] = client.IntegrationId, ["query"] = Extra() }, apiVersion: "1.2alpha1");
        double?[] one = Wire.Numbers((await client.ResultAsync("clarify.dataFrame", Frame()))["data"]!["series"]![items["main"]]);

        Assert.Equal(items["main"], Assert.Single(connected["data"]!.AsArray())!["relationships"]!["item"]!["data"]!["id"]!.GetValue<string>());
        Assert.Null(Assert.Single(disconnected["data"]!.AsArray())!["relationships"]!["item"]!["data"]);
        Assert.Equal([1.0, 2.0], both);
        Assert.Equal([1.0], one);
    }

    // disconnectSignals takes no item (clarify-go sends integration, query and format): an item
    // an older client still sends is ignored, as Clarify ignores it, and the signals leave the item they feed.
    [Theory]
    [InlineData(null)]
    [InlineData("main")]
    [InlineData("other")]
    [InlineData("no-such-item")]
    public async Task DisconnectSignals_takes_the_signals_off_whatever_item_they_feed(string? itemSent)
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        Dictionary<string, string> items = await Wire.InsertAndPublishAsync(client, ["2024-01-01T00:00:00Z"], new() { ["main"] = [1.0], ["other"] = [3.0] });
        var query = new JsonObject { ["filter"] = new JsonObject { ["input"] = "main" } };
        var parameters = new JsonObject { ["integration"] = client.IntegrationId, ["query"] = query };
        if (itemSent is not null)
        {
            parameters["item"] = items.GetValueOrDefault(itemSent, "c0000000000000000000");
        }

        await client.ResultAsync("admin.disconnectSignals", parameters, apiVersion: "1.2alpha1");
        JsonObject after = await client.ResultAsync(
            "admin.selectSignals", new JsonObject { ["integration"] = client.IntegrationId, ["query"] = new JsonObject() });

        Dictionary<string, string?> itemByInput = after["data"]!.AsArray().ToDictionary(
            s => s!["attributes"]!["input"]!.GetValue<string>(),
            s => s!["relationships"]!["item"]!["data"]?["id"]?.GetValue<string>());
        Assert.Null(itemByInput["main"]);
        Assert.Equal(items["other"], itemByInput["other"]);
    }

    [Fact]
    public async Task DisconnectSignals_without_an_item_disconnects_the_selected_signals_from_theirs()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        Dictionary<string, string> items = await Wire.InsertAndPublishAsync(client, ["2024-01-01T00:00:00Z"], new() { ["a"] = [1.0], ["b"] = [2.0] });
        JsonObject Select(string input) => new()
        {
            ["integration"] = client.IntegrationId,
            ["query"] = new JsonObject { ["filter"] = new JsonObject { ["input"] = input } },
        };

        JsonObject dryRun = Select("a");
        dryRun["dryRun"] = true;
        await client.ResultAsync("admin.disconnectSignals", dryRun, apiVersion: "1.2alpha1");
        JsonObject afterDryRun = await client.ResultAsync("admin.selectSignals", Select("a"));
        JsonObject disconnected = await client.ResultAsync("admin.disconnectSignals", Select("a"), apiVersion: "1.2alpha1");

        Assert.Equal(items["a"], afterDryRun["data"]![0]!["relationships"]!["item"]!["data"]!["id"]!.GetValue<string>());
        Assert.Null(Assert.Single(disconnected["data"]!.AsArray())!["relationships"]!["item"]!["data"]);
        JsonObject other = await client.ResultAsync("admin.selectSignals", Select("b"));
        Assert.Equal(items["b"], other["data"]![0]!["relationships"]!["item"]!["data"]!["id"]!.GetValue<string>());
    }

    private static async Task PublishItemsAsync(EmulatorClient client)
    {
        var saves = new Dictionary<string, JsonObject>
        {
            ["a"] = new() { ["name"] = "a", ["visible"] = true, ["labels"] = new JsonObject { ["site"] = Wire.Array("north", "main") } },
            ["b"] = new() { ["name"] = "b", ["visible"] = false, ["labels"] = new JsonObject { ["site"] = Wire.Array("south") } },
            ["c"] = new() { ["name"] = "c", ["visible"] = true, ["labels"] = new JsonObject { ["site"] = Wire.Array("north") } },
            ["d"] = new() { ["name"] = "d", ["visible"] = true, ["annotations"] = new JsonObject { ["rank"] = "high" }, ["labels"] = new JsonObject { ["site"] = Wire.Array("south") } },
        };
        JsonObject inserted = await client.ResultAsync("integration.insert", Wire.Insert(client.IntegrationId, ["2024-01-01T00:00:00Z"], saves.Keys.ToDictionary(k => k, _ => new double?[] { 1 })));
        var itemsBySignal = new JsonObject();
        foreach ((string input, JsonObject save) in saves)
        {
            itemsBySignal[inserted["signalsByInput"]![input]!["id"]!.GetValue<string>()] = save;
        }

        await client.ResultAsync("admin.publishSignals", new JsonObject { ["integration"] = client.IntegrationId, ["itemsBySignal"] = itemsBySignal });
    }

    private static string[] Names(JsonObject selection) =>
        selection["data"]!.AsArray().Select(i => i!["attributes"]!["name"]!.GetValue<string>()).ToArray();
}
