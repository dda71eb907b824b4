using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clarify.Typed.Emulator.Rpc;

/// <summary>Reads typed values out of JSON-RPC params, recording each wrong one under its JSON path.</summary>
internal sealed class ParamReader
{
    public ParamReader(ParamErrors? errors = null) => Errors = errors ?? new ParamErrors();

    public ParamErrors Errors { get; }

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public string? String(JsonObject? parent, string name, string path, bool required = false)
    {
        JsonNode? node = Get(parent, name, path, required);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue(out string? text))
        {
            return text;
        }

        Errors.Add(Join(path, name), "must be a string");
        return null;
    }

    public bool Bool(JsonObject? parent, string name, string path, bool fallback)
    {
        JsonNode? node = Get(parent, name, path, required: false);
        if (node is null)
        {
            return fallback;
        }

        if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return node.GetValue<bool>();
        }

        Errors.Add(Join(path, name), "must be a boolean");
        return fallback;
    }

    public int Int(JsonObject? parent, string name, string path, int fallback, int min, int max)
    {
        JsonNode? node = Get(parent, name, path, required: false);
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonValue value && value.TryGetValue(out int number) && number >= min && number <= max)
        {
            return number;
        }

        Errors.Add(Join(path, name), $"must be an integer from {min} to {max}");
        return fallback;
    }

    public JsonObject? Object(JsonObject? parent, string name, string path, bool required = false)
    {
        JsonNode? node = Get(parent, name, path, required);
        if (node is null or JsonObject)
        {
            return (JsonObject?)node;
        }

        Errors.Add(Join(path, name), "must be an object");
        return null;
    }

    public JsonArray? Array(JsonObject? parent, string name, string path, bool required = false)
    {
        JsonNode? node = Get(parent, name, path, required);
        if (node is null or JsonArray)
        {
            return (JsonArray?)node;
        }

        Errors.Add(Join(path, name), "must be an array");
        return null;
    }

    /// <summary>A list of strings; <c>sort</c> and <c>include</c> also accept a single string.</summary>
    public List<string> Strings(JsonObject? parent, string name, string path)
    {
        var result = new List<string>();
        JsonNode? node = Get(parent, name, path, required: false);
        if (node is JsonValue single && single.TryGetValue(out string? text))
        {
            result.Add(text);
        }
        else if (node is JsonArray array)
        {
            for (int i = 0; i < array.Count; i++)
            {
                if (array[i] is JsonValue element && element.TryGetValue(out string? item))
                {
                    result.Add(item);
                }
                else
                {
                    Errors.Add($"{Join(path, name)}.{i}", "must be a string");
                }
            }
        }
        else if (node is not null)
        {
            Errors.Add(Join(path, name), "must be an array of strings");
        }

        return result;
    }

    private JsonNode? Get(JsonObject? parent, string name, string path, bool required)
    {
        JsonNode? node = parent?[name];
        if (node is null && required)
        {
            Errors.Add(Join(path, name), "is required");
        }

        return node;
    }
}
