using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Clarify.Typed.Emulator.Tests.Methods;

namespace Clarify.Typed.Emulator.Tests.Contracts;

/// <summary>
/// Clarify's Go client, clarify-go at 8eaf89c (client.go, x/clarifyx.go, credentials.go,
/// jsonrpc/handler.go, jsonrpc/request.go, views/*.go, fields/*.go), as it speaks on the wire:
/// tokens through golang.org/x/oauth2's client-credentials flow, which first sends the client id
/// and secret form-urlencoded in HTTP Basic with <c>grant_type</c> and <c>audience</c> in the form,
/// and reads <c>access_token</c>, <c>token_type</c>, <c>expires_in</c>; lower-case method names;
/// <c>X-API-Version: 1.1</c>, and 1.2alpha1 for <c>clarify.evaluate</c> (items with
/// <c>timeAggregation</c>, <c>groups</c>) and clarifyx's connect/disconnect (no item); always
/// <c>id: 1</c>; <c>include</c> null unless asked. It decodes responses with
/// <c>DisallowUnknownFields</c>, so any member its structs lack fails the call: the tests check the
/// members of each answer against those structs (Go matches names without regard to case).
/// </summary>
public sealed class ClarifyGoContractTests
{
    private const string Version = "1.1";
    private const string Experimental = "1.2alpha1";

    private static readonly string[] Envelope = ["jsonrpc", "error", "id", "result"];
    private static readonly string[] SelectionMembers = ["meta", "data", "included"];
    private static readonly string[] SaveAttributes = ["name", "description", "valueType", "sourceType", "engUnit", "sampleInterval", "gapDetection", "labels", "enumValues"];
    private static readonly string[] SignalAttributes = [.. SaveAttributes, "input"];
    private static readonly string[] ItemAttributes = [.. SaveAttributes, "visible"];
    private static readonly string[] SignalRelationships = ["integration", "item"];
    private static readonly string[] ItemRelationships = ["createdBy", "updatedBy", "organization"];

    [Fact]
    public async Task Its_first_token_request_with_http_basic_client_authentication_succeeds()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        ClarifyCredential credential = client.Emulator.Options.Credential;
        string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(credential.ClientId)}:{Uri.EscapeDataString(credential.ClientSecret)}"));

        using HttpResponseMessage response = await client.PostTokenAsync(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["audience"] = client.Emulator.ApiUrl.AbsoluteUri },
            new AuthenticationHeaderValue("Basic", basic));
        JsonObject token = await EmulatorClient.ReadObjectAsync(response);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.False(string.IsNullOrEmpty(token["access_token"]!.GetValue<string>()));
        Assert.Equal("Bearer", token["token_type"]!.GetValue<string>());
        Assert.Equal(86400, token["expires_in"]!.GetValue<long>());
        Assert.Equal(1, client.Emulator.TokenRequestCount);
    }

    [Fact]
    public async Task Every_client_method_works_and_answers_only_what_its_structs_decode()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        var go = new ContractClient(client, await client.GetTokenAsync());

        JsonObject saved = await CallAsync(go, "integration.saveSignals", Version, new JsonObject
        {
            ["integration"] = go.IntegrationId,
            ["signalsByInput"] = new JsonObject
            {
                ["temperature"] = TemperatureSave(),
            },
        });
        AssertMembers(saved, "result", "signalsByInput");
        AssertMembers(saved["signalsByInput"]!["temperature"], "signalsByInput.temperature", "id", "created", "updated");
        string signal = saved["signalsByInput"]!["temperature"]!["id"]!.GetValue<string>();

        JsonObject inserted = await CallAsync(go, "integration.insert", Version, new JsonObject
        {
            ["integration"] = go.IntegrationId,
            ["data"] = new JsonObject
            {
                ["times"] = Wire.Array("2024-05-01T10:00:00Z", "2024-05-01T10:30:00Z", "2024-05-01T11:00:00Z"),
                ["series"] = new JsonObject { ["temperature"] = Wire.Array(20.0, 22.0, 30.0), ["humidity"] = Wire.Array(50.0, 55.0, 60.0) },
            },
        });
        AssertMembers(inserted["signalsByInput"]!["humidity"], "signalsByInput.humidity", "id", "created");

        JsonObject signals = await CallAsync(go, "admin.selectSignals", Version, new JsonObject
        {
            ["integration"] = go.IntegrationId,
            ["query"] = Query(new JsonObject(), limit: 10),
            ["format"] = Format(dataAsArray: true),
            ["include"] = Wire.Array("item"),
        });
        AssertSelection(signals, SignalAttributes, SignalRelationships, included: ["items"]);

        JsonObject published = await CallAsync(go, "admin.publishSignals", Version, new JsonObject
        {
            ["integration"] = go.IntegrationId,
            ["itemsBySignal"] = new JsonObject
            {
                [signal] = PublishedItem(signal),
            },
        });
        AssertMembers(published, "result", "itemsBySignal");
        string item = published["itemsBySignal"]![signal]!["id"]!.GetValue<string>();

        JsonObject items = await CallAsync(go, "clarify.selectItems", Version, new JsonObject
        {
            ["query"] = Query(new JsonObject { ["labels.site"] = "oslo" }, limit: 10),
            ["format"] = Format(dataAsArray: true),
            ["include"] = null,
        });
        AssertSelection(items, ItemAttributes, ItemRelationships, included: []);
        Assert.Equal(item, Assert.Single(items["data"]!.AsArray())!["id"]!.GetValue<string>());

        JsonObject frame = await CallAsync(go, "clarify.dataFrame", Version, new JsonObject
        {
            ["query"] = Query(new JsonObject { ["id"] = new JsonObject { ["$in"] = Wire.Array(item) } }, limit: 1),
            ["data"] = Data(),
            ["format"] = Format(dataAsArray: false),
            ["include"] = Wire.Array("items"),
        });
        AssertMembers(frame, "result", SelectionMembers);
        AssertMembers(frame["included"], "included", "items");
        Assert.Equal([21.0, 30.0], Wire.Numbers(frame["data"]!["series"]![item + "_avg"]));

        JsonObject evaluated = await CallAsync(go, "clarify.evaluate", Experimental, new JsonObject
        {
            ["data"] = Data(),
            ["items"] = new JsonArray(new JsonObject { ["alias"] = "i1", ["id"] = item, ["timeAggregation"] = "avg", ["state"] = 0 }),
            ["groups"] = null,
            ["calculations"] = new JsonArray(new JsonObject { ["alias"] = "c1", ["formula"] = "i1 + 1" }),
            ["format"] = Format(dataAsArray: false),
            ["include"] = null,
        });
        AssertMembers(evaluated, "result", SelectionMembers);
        Assert.Equal([22.0, 31.0], Wire.Numbers(evaluated["data"]!["series"]!["c1"]));

        JsonObject Humidity() => new() { ["input"] = "humidity" };
        JsonObject connected = await CallAsync(go, "admin.connectSignals", Experimental, new JsonObject
        {
            ["integration"] = go.IntegrationId,
            ["item"] = item,
            ["query"] = Query(Humidity(), limit: 10),
            ["format"] = Format(dataAsArray: true),
        });
        AssertSelection(connected, SignalAttributes, SignalRelationships, included: []);
        JsonObject disconnected = await CallAsync(go, "admin.disconnectSignals", Experimental, new JsonObject
        {
            ["integration"] = go.IntegrationId,
            ["query"] = Query(Humidity(), limit: 10),
            ["format"] = Format(dataAsArray: true),
        });
        AssertSelection(disconnected, SignalAttributes, SignalRelationships, included: []);
        Assert.Equal(item, connected["data"]![0]!["relationships"]!["item"]!["data"]!["id"]!.GetValue<string>());
        Assert.Null(disconnected["data"]![0]!["relationships"]!["item"]!["data"]);
    }

    [Fact]
    public async Task An_error_answers_only_what_its_ServerError_decodes()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        await client.AuthenticateAsync();

        JsonObject response = await client.CallAsync("clarify.selectItems", new JsonObject { ["query"] = new JsonObject { ["limit"] = 5000 } }, Version);

        AssertMembers(response, "envelope", Envelope);
        AssertMembers(response["error"], "error", "code", "message", "data");
        AssertMembers(response["error"]!["data"], "error.data", "trace", "params", "invalidResources", "partialResult");
    }

    /// <summary>One call as clarify-go makes it (always id 1); returns the result after checking the envelope's members.</summary>
    private static async Task<JsonObject> CallAsync(ContractClient go, string method, string version, JsonObject parameters)
    {
        JsonObject response = await go.CallAsync(1, method, version, parameters);
        AssertMembers(response, "envelope", Envelope);
        return response["result"]!.AsObject();
    }

    /// <summary>views.SignalSave: MetaSave (annotations, omitted when empty) and every save attribute.</summary>
    private static JsonObject TemperatureSave() => new()
    {
        ["name"] = "Temperature",
        ["description"] = string.Empty,
        ["valueType"] = "numeric",
        ["sourceType"] = "measurement",
        ["engUnit"] = "°C",
        ["sampleInterval"] = null,
        ["gapDetection"] = "PT1H",
        ["labels"] = new JsonObject { ["site"] = Wire.Array("oslo") },
        ["enumValues"] = new JsonObject(),
    };

    /// <summary>views.PublishedItem(signal): the signal's attributes, visible, and annotations pointing back at it.</summary>
    private static JsonObject PublishedItem(string signalId)
    {
        JsonObject item = TemperatureSave();
        item["annotations"] = new JsonObject { ["clarify/clarify-go/from/signal/id"] = signalId };
        item["visible"] = true;
        return item;
    }

    /// <summary>fields.ResourceQuery: filter and sort omitted when empty, limit, skip and total always.</summary>
    private static JsonObject Query(JsonObject filter, int limit)
    {
        var query = new JsonObject { ["limit"] = limit, ["skip"] = 0, ["total"] = false };
        if (filter.Count > 0)
        {
            query["filter"] = filter;
        }

        return query;
    }

    private static JsonObject Format(bool dataAsArray) => new() { ["dataAsArray"] = dataAsArray, ["groupIncludedByType"] = true };

    /// <summary>fields.Data().Where(TimeRange(...)).RollupDuration(time.Hour, time.Monday).</summary>
    private static JsonObject Data() => new()
    {
        ["filter"] = new JsonObject { ["times"] = new JsonObject { ["$gte"] = "2024-05-01T00:00:00Z", ["$lt"] = "2024-05-02T00:00:00Z" } },
        ["rollup"] = "PT1H",
        ["firstDayOfWeek"] = 1,
    };

    private static void AssertSelection(JsonObject selection, string[] attributes, string[] relationships, string[] included)
    {
        AssertMembers(selection, "result", SelectionMembers);
        AssertMembers(selection["meta"], "meta", "total", "format");
        AssertMembers(selection["meta"]!["format"], "meta.format", "dataAsArray", "groupIncludedByType");
        AssertMembers(selection["included"], "included", included);
        IEnumerable<JsonNode?> resources = selection["data"]!.AsArray().Concat(selection["included"]?["items"]?.AsArray() ?? []);
        foreach (JsonNode? resource in resources)
        {
            bool isItem = resource!["type"]!.GetValue<string>() == "items";
            AssertMembers(resource, "resource", "type", "id", "meta", "attributes", "relationships");
            AssertMembers(resource["meta"], "resource.meta", "annotations", "attributesHash", "relationshipsHash", "createdAt", "updatedAt");
            AssertMembers(resource["attributes"], "resource.attributes", isItem ? ItemAttributes : attributes);
            AssertMembers(resource["relationships"], "resource.relationships", isItem ? ItemRelationships : relationships);
            foreach ((string name, JsonNode? relationship) in resource["relationships"]!.AsObject())
            {
                AssertMembers(relationship, "relationships." + name, "meta", "data");
                if (relationship!["data"] is JsonObject identifier)
                {
                    AssertMembers(identifier, $"relationships.{name}.data", "type", "id");
                }
            }
        }

        Assert.NotEmpty(selection["data"]!.AsArray());
    }

    /// <summary>Every member of <paramref name="node"/> is one the Go struct has (json.Decoder with DisallowUnknownFields).</summary>
    private static void AssertMembers(JsonNode? node, string what, params string[] known)
    {
        JsonObject members = Assert.IsType<JsonObject>(node);
        string[] unknown = members.Select(m => m.Key).Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase)).ToArray();
        Assert.True(unknown.Length == 0, $"clarify-go cannot decode {what}: unknown members {string.Join(", ", unknown)} in {node!.ToJsonString()}");
    }
}
