using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests.Methods;

/// <summary>Builds request params by hand and reads results, as any client on the wire would.</summary>
internal static class Wire
{
    public static JsonArray Array(params object?[] values) => new(values.Select(v => v is null ? null : JsonValue.Create(v) as JsonNode).ToArray());

    public static JsonObject Insert(string integration, string[] times, Dictionary<string, double?[]> series) => new()
    {
        ["integration"] = integration,
        ["data"] = new JsonObject
        {
            ["times"] = Array(times),
            ["series"] = new JsonObject(series.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)Array(s.Value.Cast<object?>().ToArray())))),
        },
    };

    /// <summary>Inserts data under input keys, publishes each signal as an item named after its key, and returns item ids by key.</summary>
    public static async Task<Dictionary<string, string>> InsertAndPublishAsync(EmulatorClient client, string[] times, Dictionary<string, double?[]> series, JsonObject? labels = null)
    {
        JsonObject inserted = await client.ResultAsync("integration.insert", Insert(client.IntegrationId, times, series));
        var itemsBySignal = new JsonObject();
        foreach ((string input, JsonNode? summary) in inserted["signalsByInput"]!.AsObject())
        {
            itemsBySignal[summary!["id"]!.GetValue<string>()] = new JsonObject { ["name"] = input, ["visible"] = true, ["labels"] = labels?.DeepClone() };
        }

        JsonObject published = await client.ResultAsync("admin.publishSignals", new JsonObject { ["integration"] = client.IntegrationId, ["itemsBySignal"] = itemsBySignal });
        return inserted["signalsByInput"]!.AsObject().ToDictionary(
            s => s.Key,
            s => published["itemsBySignal"]![s.Value!["id"]!.GetValue<string>()]!["id"]!.GetValue<string>());
    }

    public static double?[] Numbers(JsonNode? column) => column!.AsArray().Select(v => v?.GetValue<double>()).ToArray();

    public static string[] Strings(JsonNode? column) => column!.AsArray().Select(v => v!.GetValue<string>()).ToArray();
}
