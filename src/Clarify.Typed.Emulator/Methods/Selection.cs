using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Clarify.Typed.Emulator.Rpc;

namespace Clarify.Typed.Emulator.Methods;

/// <summary>
/// The selection every select-like method returns: <c>{meta: {total, format}, data, included}</c>.
/// <c>format.groupIncludedByType</c> (default true) groups included resources as <c>{items: [...]}</c>.
/// </summary>
internal sealed class Selection
{
    private readonly bool _dataAsArray;
    private readonly bool _groupIncludedByType;

    private Selection(bool dataAsArray, bool groupIncludedByType)
    {
        _dataAsArray = dataAsArray;
        _groupIncludedByType = groupIncludedByType;
    }

    /// <summary>Reads <c>format</c>. <c>dataAsArray: false</c> is refused for resource selections (<paramref name="dataIsFrame"/> false), where the emulator only writes arrays.</summary>
    public static Selection ReadFormat(JsonObject parameters, ParamReader reader, bool dataIsFrame = false)
    {
        JsonObject? format = reader.Object(parameters, "format", string.Empty);
        bool dataAsArray = reader.Bool(format, "dataAsArray", "format", fallback: true);
        if (!dataAsArray && !dataIsFrame)
        {
            reader.Errors.Add("format.dataAsArray", "the emulator supports only dataAsArray: true");
        }

        return new Selection(dataAsArray, reader.Bool(format, "groupIncludedByType", "format", fallback: true));
    }

    /// <summary>
    /// Reads <c>include</c>; the only relationship the emulator can include is the item, which
    /// official clients call <c>item</c> (pyclarify, clarify-go for signals) or <c>items</c>
    /// (clarify-go for data frames and evaluate).
    /// </summary>
    public static bool ReadIncludeItems(JsonObject parameters, ParamReader reader)
    {
        List<string> include = reader.Strings(parameters, "include", string.Empty);
        foreach (string name in include.Where(n => n is not ("item" or "items")))
        {
            reader.Errors.Add("include", $"cannot include '{name}'; the emulator can include 'item' (or 'items')");
        }

        return include.Any(n => n is "item" or "items");
    }

    public JsonObject Write(int total, JsonNode data, IEnumerable<JsonObject> includedItems)
    {
        JsonNode?[] items = includedItems.Cast<JsonNode?>().ToArray();
        return new JsonObject
        {
            ["meta"] = new JsonObject
            {
                ["total"] = total,
                ["format"] = new JsonObject { ["dataAsArray"] = _dataAsArray, ["groupIncludedByType"] = _groupIncludedByType },
            },
            ["data"] = data,
            ["included"] = _groupIncludedByType
                ? (items.Length > 0 ? new JsonObject { ["items"] = new JsonArray(items) } : new JsonObject())
                : new JsonArray(items),
        };
    }
}
