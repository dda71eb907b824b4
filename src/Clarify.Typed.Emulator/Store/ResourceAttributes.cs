using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Clarify.Typed.Emulator.Data;
using Clarify.Typed.Emulator.Rpc;

namespace Clarify.Typed.Emulator.Store;

/// <summary>
/// Turns a <c>SignalSave</c> or <c>ItemSave</c> into the full attribute set Clarify stores
/// (every attribute present, defaults filled in) and its annotations, validating each field.
/// </summary>
internal static partial class ResourceAttributes
{
    private static readonly string[] SourceTypes = ["measurement", "aggregation", "prediction"];
    private static readonly string[] ValueTypes = ["numeric", "enum"];

    /// <remarks>Before 1.1 <c>valueType</c> was called <c>type</c>, which <c>@clarify/api</c> still sends with 1.1beta2: beta versions take either.</remarks>
    public static (JsonObject Attributes, JsonObject Annotations) FromSave(JsonObject save, string path, ParamReader reader, bool isItem, string apiVersion = ApiVersions.Default)
    {
        string? name = reader.String(save, "name", path, required: true);
        string description = reader.String(save, "description", path) ?? string.Empty;
        string valueTypeName = ApiVersions.IsBeta(apiVersion) && save["valueType"] is null && save["type"] is not null ? "type" : "valueType";
        string valueType = OneOf(reader, save, valueTypeName, path, ValueTypes);
        string sourceType = OneOf(reader, save, "sourceType", path, SourceTypes);
        string engUnit = reader.String(save, "engUnit", path) ?? string.Empty;
        string? sampleInterval = Duration(reader, save, "sampleInterval", path);
        string? gapDetection = Duration(reader, save, "gapDetection", path);

        var attributes = new JsonObject
        {
            ["name"] = name ?? string.Empty,
            ["description"] = description,
            ["valueType"] = valueType,
            ["sourceType"] = sourceType,
            ["engUnit"] = engUnit,
            ["sampleInterval"] = sampleInterval,
            ["gapDetection"] = gapDetection,
            ["enumValues"] = EnumValues(reader, save, path),
            ["labels"] = Labels(reader, save, path),
        };
        if (isItem)
        {
            attributes["visible"] = reader.Bool(save, "visible", path, fallback: false);
        }

        return (attributes, Annotations(reader, save, path));
    }

    /// <summary>The attributes of a signal that <c>integration.insert</c> creates for an unknown input key.</summary>
    public static JsonObject ForNewInput(string input) => FromSave(new JsonObject { ["name"] = input }, string.Empty, new ParamReader(), isItem: false).Attributes;

    private static string OneOf(ParamReader reader, JsonObject save, string name, string path, string[] allowed)
    {
        string? value = reader.String(save, name, path);
        if (value is null)
        {
            return allowed[0];
        }

        if (System.Array.IndexOf(allowed, value) < 0)
        {
            reader.Errors.Add(ParamReader.Join(path, name), "must be one of " + string.Join(", ", allowed));
            return allowed[0];
        }

        return value;
    }

    private static string? Duration(ParamReader reader, JsonObject save, string name, string path)
    {
        string? value = reader.String(save, name, path);
        if (value is not null && !IsoDuration.TryParse(value, out _))
        {
            reader.Errors.Add(ParamReader.Join(path, name), "must be an ISO 8601 duration such as PT1M, or null");
            return null;
        }

        return value;
    }

    private static JsonObject EnumValues(ParamReader reader, JsonObject save, string path) =>
        StringMap(reader, save, "enumValues", path, IsEnumIndex, "key must be an integer from 0 to 9999");

    private static bool IsEnumIndex(string key) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index <= 9999;

    private static JsonObject Labels(ParamReader reader, JsonObject save, string path)
    {
        var result = new JsonObject();
        JsonObject? labels = reader.Object(save, "labels", path);
        foreach ((string key, JsonNode? value) in labels ?? [])
        {
            string at = ParamReader.Join(ParamReader.Join(path, "labels"), key);
            if (!KeyPattern().IsMatch(key))
            {
                reader.Errors.Add(at, "key must match ^[A-Za-z0-9-_/]{1,128}$");
                continue;
            }

            var list = new JsonArray();
            if (value is JsonArray array)
            {
                foreach (JsonNode? element in array)
                {
                    if (element?.GetValueKind() == JsonValueKind.String)
                    {
                        list.Add(element.GetValue<string>());
                    }
                    else
                    {
                        reader.Errors.Add(at, "must be an array of strings");
                        break;
                    }
                }
            }
            else
            {
                reader.Errors.Add(at, "must be an array of strings");
            }

            result[key] = list;
        }

        return result;
    }

    private static JsonObject Annotations(ParamReader reader, JsonObject save, string path) =>
        StringMap(reader, save, "annotations", path, KeyPattern().IsMatch, "key must match ^[A-Za-z0-9-_/]{1,128}$");

    /// <summary>An object of string values whose keys follow a rule (enum values, annotations).</summary>
    private static JsonObject StringMap(ParamReader reader, JsonObject save, string name, string path, Func<string, bool> validKey, string keyRule)
    {
        var result = new JsonObject();
        foreach ((string key, JsonNode? value) in reader.Object(save, name, path) ?? [])
        {
            string at = ParamReader.Join(ParamReader.Join(path, name), key);
            if (!validKey(key))
            {
                reader.Errors.Add(at, keyRule);
            }
            else if (value?.GetValueKind() != JsonValueKind.String)
            {
                reader.Errors.Add(at, "must be a string");
            }
            else
            {
                result[key] = value.GetValue<string>();
            }
        }

        return result;
    }

    [GeneratedRegex("^[A-Za-z0-9-_/]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
