using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Clarify.Typed.Emulator.Tests.Methods;

namespace Clarify.Typed.Emulator.Tests.Contracts;

/// <summary>
/// Clarify's Python client, pyclarify 0.6.7 (clarify/pyclarify 345ad22: client.py, experimental.py,
/// jsonrpc/oauth2.py, fields/constraints.py ApiMethod, views/*.py params), as it speaks on the wire:
/// a token from the form <c>grant_type, client_id, client_secret, audience</c>, of which it reads
/// <c>access_token</c>, <c>scope</c>, <c>expires_in</c> and <c>token_type</c> (not the JWT claims);
/// <c>X-API-Version: 1.1</c> with the names <c>integration.Insert</c>, <c>integration.SaveSignals</c>
/// (params <c>inputs</c>, <c>createOnly</c>, <c>integration</c>), <c>admin.SelectSignals</c>,
/// <c>admin.PublishSignals</c>, <c>clarify.SelectItems</c>, <c>clarify.dataFrame</c>, <c>clarify.evaluate</c>;
/// its ExperimentalClient sends <c>admin.connectSignals</c> / <c>admin.disconnectSignals</c> (no item,
/// <c>dryRun</c>) with 1.2alpha1. Ids count up from 1; pydantic dumps every field, nulls included.
/// </summary>
public sealed class PyClarifyContractTests
{
    private const string Version = "1.1";
    private const string Experimental = "1.2alpha1";

    [Fact]
    public async Task The_token_response_has_the_fields_pyclarify_reads()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        using HttpResponseMessage response = await client.PostTokenAsync(client.ValidTokenForm());
        JsonObject body = await EmulatorClient.ReadObjectAsync(response);

        // class OAuthResponse: access_token: str; scope: Optional[str]; expires_in: timedelta; token_type: str = "Bearer"
        Assert.Equal(JsonValueKind.String, body["access_token"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, body["scope"]!.GetValueKind());
        Assert.Equal(86400, body["expires_in"]!.GetValue<long>());
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_client_method_works_as_pyclarify_sends_it()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        var py = new ContractClient(client, await client.GetTokenAsync());
        int id = 0;

        JsonObject saved = await py.ResultAsync(++id, "integration.SaveSignals", Version, new JsonObject
        {
            ["inputs"] = new JsonObject { ["temperature"] = Signal("Temperature"), ["pressure"] = Signal("Pressure") },
            ["createOnly"] = false,
            ["integration"] = py.IntegrationId,
        });
        JsonObject inserted = await py.ResultAsync(++id, "integration.Insert", Version, new JsonObject
        {
            ["integration"] = py.IntegrationId,
            ["data"] = new JsonObject
            {
                ["times"] = Wire.Array("2024-05-01T10:00:00+00:00", "2024-05-01T10:30:00+00:00", "2024-05-01T11:00:00+00:00"),
                ["series"] = new JsonObject { ["temperature"] = Wire.Array(20.0, 22.0, 30.0), ["pressure"] = Wire.Array(1.0, null, 3.0) },
            },
        });
        JsonObject signals = await py.ResultAsync(++id, "admin.SelectSignals", Version, new JsonObject
        {
            ["integration"] = py.IntegrationId,
            ["query"] = Query(new JsonObject(), limit: 50),
            ["include"] = new JsonArray(),
            ["format"] = Format(dataAsArray: true),
        });
        string temperatureSignal = saved["signalsByInput"]!["temperature"]!["id"]!.GetValue<string>();
        string pressureSignal = saved["signalsByInput"]!["pressure"]!["id"]!.GetValue<string>();
        JsonObject published = await py.ResultAsync(++id, "admin.PublishSignals", Version, new JsonObject
        {
            ["integration"] = py.IntegrationId,
            ["itemsBySignal"] = new JsonObject { [temperatureSignal] = Item("Temperature"), [pressureSignal] = Item("Pressure") },
            ["createOnly"] = false,
        });
        string temperature = published["itemsBySignal"]![temperatureSignal]!["id"]!.GetValue<string>();
        JsonObject items = await py.ResultAsync(++id, "clarify.SelectItems", Version, new JsonObject
        {
            ["query"] = Query(new JsonObject { ["name"] = new JsonObject { ["$regex"] = "^Temp" } }, limit: 10),
            ["include"] = new JsonArray(),
            ["format"] = Format(dataAsArray: true),
        });
        JsonObject frame = await py.ResultAsync(++id, "clarify.dataFrame", Version, new JsonObject
        {
            ["query"] = new JsonObject { ["filter"] = new JsonObject { ["id"] = new JsonObject { ["$in"] = Wire.Array(temperature) } }, ["sort"] = null, ["limit"] = null, ["skip"] = null, ["total"] = null },
            ["data"] = Data("PT1H"),
            ["include"] = new JsonArray(),
            ["format"] = Format(dataAsArray: false),
        });
        JsonObject evaluated = await py.ResultAsync(++id, "clarify.evaluate", Version, new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject { ["id"] = temperature, ["aggregation"] = "avg", ["state"] = null, ["lead"] = null, ["lag"] = null, ["alias"] = "t" }),
            ["calculations"] = new JsonArray(new JsonObject { ["formula"] = "t * 2", ["alias"] = "double" }),
            ["data"] = Data("PT1H"),
            ["include"] = new JsonArray(),
            ["format"] = Format(dataAsArray: false),
        });
        JsonObject connectDryRun = await py.ResultAsync(++id, "admin.connectSignals", Experimental, Connect(py, pressureSignal, temperature, dryRun: true));
        JsonObject connected = await py.ResultAsync(++id, "admin.connectSignals", Experimental, Connect(py, pressureSignal, temperature, dryRun: false));
        JsonObject disconnected = await py.ResultAsync(++id, "admin.disconnectSignals", Experimental, Connect(py, pressureSignal, item: null, dryRun: false));

        Assert.False(inserted["signalsByInput"]!["pressure"]!["created"]!.GetValue<bool>());
        Assert.Equal(2, signals["data"]!.AsArray().Count);
        Assert.Equal(["Temperature"], items["data"]!.AsArray().Select(i => i!["attributes"]!["name"]!.GetValue<string>()));
        Assert.Equal([21.0, 30.0], Wire.Numbers(frame["data"]!["series"]![temperature + "_avg"]));
        Assert.Equal([42.0, 60.0], Wire.Numbers(evaluated["data"]!["series"]!["double"]));
        Assert.NotEqual(temperature, ItemOf(connectDryRun));
        Assert.Equal(temperature, ItemOf(connected));
        Assert.Null(ItemOf(disconnected));
        Assert.Equal(1, client.Emulator.GetRpcRequestCount("admin.selectSignals"));
        Assert.Equal(1, client.Emulator.GetRpcRequestCount("admin.publishSignals"));
    }

    /// <summary>Signal(name=...).model_dump(mode="json"): every field, defaults and nulls included.</summary>
    private static JsonObject Signal(string name) => new()
    {
        ["name"] = name,
        ["description"] = string.Empty,
        ["labels"] = new JsonObject(),
        ["sourceType"] = "measurement",
        ["valueType"] = "numeric",
        ["engUnit"] = string.Empty,
        ["enumValues"] = new JsonObject(),
        ["sampleInterval"] = null,
        ["gapDetection"] = null,
        ["annotations"] = null,
    };

    private static JsonObject Item(string name)
    {
        JsonObject item = Signal(name);
        item["visible"] = true;
        return item;
    }

    /// <summary>ResourceQuery(filter, sort, limit, skip, total), as select_items and select_signals fill it.</summary>
    private static JsonObject Query(JsonObject filter, int limit) => new()
    {
        ["filter"] = filter,
        ["sort"] = new JsonArray(),
        ["limit"] = limit,
        ["skip"] = 0,
        ["total"] = false,
    };

    private static JsonObject Format(bool dataAsArray) => new() { ["dataAsArray"] = dataAsArray, ["groupIncludedByType"] = true };

    /// <summary>DataQuery with DataFilter(gte, lt).to_query() and its defaults.</summary>
    private static JsonObject Data(string rollup) => new()
    {
        ["filter"] = new JsonObject { ["times"] = new JsonObject { ["$gte"] = "2024-05-01T00:00:00Z", ["$lt"] = "2024-05-02T00:00:00Z" } },
        ["rollup"] = rollup,
        ["timeZone"] = "UTC",
        ["firstDayOfWeek"] = 1,
        ["origin"] = null,
        ["last"] = -1,
    };

    /// <summary>ExperimentalClient.connect_signals / disconnect_signals (the latter without item).</summary>
    private static JsonObject Connect(ContractClient py, string signalId, string? item, bool dryRun)
    {
        var parameters = new JsonObject
        {
            ["integration"] = py.IntegrationId,
            ["query"] = Query(new JsonObject { ["id"] = signalId }, limit: 20),
            ["include"] = new JsonArray(),
            ["format"] = new JsonObject { ["dataAsArray"] = true, ["groupIncludedByType"] = false },
            ["dryRun"] = dryRun,
        };
        if (item is not null)
        {
            parameters["item"] = item;
        }

        return parameters;
    }

    private static string? ItemOf(JsonObject selection) =>
        Assert.Single(selection["data"]!.AsArray())!["relationships"]!["item"]!["data"]?["id"]?.GetValue<string>();
}
