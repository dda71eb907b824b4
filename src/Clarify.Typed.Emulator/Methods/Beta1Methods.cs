using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Clarify.Typed.Emulator.Rpc;

namespace Clarify.Typed.Emulator.Methods;

/// <summary>
/// Methods whose API 1.1beta1 shape differs from 1.1's, served by translating them to their 1.1
/// counterpart: <c>@clarify/api</c> 0.3.0 still calls <c>clarify.SelectItems</c> with 1.1beta1.
/// </summary>
internal static class Beta1Methods
{
    // Where a 1.1 param path came from in the 1.1beta1 request, so errors name what the client sent; most specific first.
    private static readonly (string Stable, string Beta1)[] ParamPaths =
    [
        ("data.filter.times.$gte", "data.notBefore"),
        ("data.filter.times.$lt", "data.before"),
        ("data.filter.times", "data"),
        ("query", "items"),
    ];

    /// <summary>
    /// <c>clarify.selectItems</c> in 1.1beta1: <c>{items: {include, filter, limit, skip}, data: {include,
    /// notBefore, before, rollup}}</c> selects items and their data at once, answering
    /// <c>{items: {id: item}, data: {times, series}}</c> with what was included. That is a 1.1
    /// <c>clarify.dataFrame</c> (same limits: 10 items by default, at most 50) that includes the items,
    /// written as 1.1beta1 wrote items: attributes by id, <c>type</c> for <c>valueType</c>, annotations inline.
    /// </summary>
    public static JsonNode SelectItems(RpcCall call)
    {
        ParamReader reader = call.Reader;
        JsonObject? items = reader.Object(call.Params, "items", string.Empty);
        JsonObject? data = reader.Object(call.Params, "data", string.Empty);
        bool includeItems = reader.Bool(items, "include", "items", fallback: false);
        bool includeData = reader.Bool(data, "include", "data", fallback: false);
        reader.Errors.ThrowIfAny();

        var dataFrame = new JsonObject
        {
            ["query"] = new JsonObject { ["filter"] = Copy(items, "filter"), ["limit"] = Copy(items, "limit"), ["skip"] = Copy(items, "skip") },
            ["data"] = new JsonObject
            {
                ["filter"] = new JsonObject { ["times"] = new JsonObject { ["$gte"] = Copy(data, "notBefore"), ["$lt"] = Copy(data, "before") } },
                ["rollup"] = Copy(data, "rollup"),
            },
            ["include"] = new JsonArray("item"),
        };
        JsonObject selection;
        try
        {
            selection = (JsonObject)ClarifyMethods.DataFrame(new RpcCall(call.Store, call.IntegrationId, dataFrame, call.ApiVersion));
        }
        catch (RpcException e) when (e.Params is not null)
        {
            throw new RpcException(e.Code, e.Message, e.Params.ToDictionary(p => Beta1Path(p.Key), p => p.Value));
        }

        var result = new JsonObject();
        if (includeItems)
        {
            IEnumerable<JsonNode?> included = selection["included"]?["items"]?.AsArray() ?? [];
            result["items"] = new JsonObject(included.Select(item => KeyValuePair.Create(item!["id"]!.GetValue<string>(), (JsonNode?)Beta1Item(item!.AsObject()))));
        }

        if (includeData)
        {
            result["data"] = selection["data"]!.DeepClone();
        }

        return result;
    }

    /// <summary>An item as 1.1beta1 wrote it: its attributes, <c>type</c> for <c>valueType</c>, its annotations, no <c>visible</c>.</summary>
    private static JsonObject Beta1Item(JsonObject resource)
    {
        JsonObject attributes = resource["attributes"]!.AsObject();
        return new JsonObject
        {
            ["name"] = Copy(attributes, "name"),
            ["type"] = Copy(attributes, "valueType"),
            ["description"] = Copy(attributes, "description"),
            ["labels"] = Copy(attributes, "labels"),
            ["annotations"] = Copy(resource["meta"]?.AsObject(), "annotations"),
            ["engUnit"] = Copy(attributes, "engUnit"),
            ["enumValues"] = Copy(attributes, "enumValues"),
            ["sourceType"] = Copy(attributes, "sourceType"),
            ["sampleInterval"] = Copy(attributes, "sampleInterval"),
            ["gapDetection"] = Copy(attributes, "gapDetection"),
        };
    }

    private static string Beta1Path(string path)
    {
        foreach ((string stable, string beta1) in ParamPaths)
        {
            if (path == stable || path.StartsWith(stable + ".", StringComparison.Ordinal))
            {
                return beta1 + path[stable.Length..];
            }
        }

        return path;
    }

    private static JsonNode? Copy(JsonObject? parent, string name) => parent?[name]?.DeepClone();
}
