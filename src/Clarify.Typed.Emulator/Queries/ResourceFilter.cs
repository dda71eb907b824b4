using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Clarify.Typed.Emulator.Rpc;

namespace Clarify.Typed.Emulator.Queries;

/// <summary>
/// Clarify's Mongo-like resource filter, compiled to a predicate over a resource's filter view
/// (<c>id</c>, the attributes, <c>annotations</c>, <c>createdAt</c>, <c>updatedAt</c>): equality,
/// <c>$in $nin $ne $gt $gte $lt $lte $regex</c>, <c>$and $or</c>, dotted paths such as
/// <c>labels.site</c> or <c>annotations.x</c>. A path that holds an array matches when any element does.
/// </summary>
internal static class ResourceFilter
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public static Func<JsonObject, bool> Compile(JsonNode? filter, string path, ParamReader reader)
    {
        if (filter is null)
        {
            return static _ => true;
        }

        if (filter is not JsonObject conditions)
        {
            reader.Errors.Add(path, "must be an object");
            return static _ => false;
        }

        var parts = new List<Func<JsonObject, bool>>();
        foreach ((string key, JsonNode? value) in conditions)
        {
            string at = ParamReader.Join(path, key);
            parts.Add(key switch
            {
                "$and" => Combine(value, at, reader, all: true),
                "$or" => Combine(value, at, reader, all: false),
                _ when key.StartsWith('$') => Invalid(reader, at, "unknown operator; use $and, $or or a field path"),
                _ => Field(key, value, at, reader),
            });
        }

        return view => parts.All(part => part(view));
    }

    private static Func<JsonObject, bool> Combine(JsonNode? value, string at, ParamReader reader, bool all)
    {
        if (value is not JsonArray array)
        {
            return Invalid(reader, at, "must be an array of filters");
        }

        Func<JsonObject, bool>[] parts = array.Select((f, i) => Compile(f, $"{at}.{i}", reader)).ToArray();
        return all ? view => parts.All(p => p(view)) : view => parts.Any(p => p(view));
    }

    private static Func<JsonObject, bool> Field(string field, JsonNode? condition, string at, ParamReader reader)
    {
        if (condition is not JsonObject operators || !operators.Any(o => o.Key.StartsWith('$')))
        {
            return view => AnyValue(Resolve(view, field), v => Same(v, condition));
        }

        var parts = new List<Func<JsonObject, bool>>();
        foreach ((string op, JsonNode? operand) in operators)
        {
            string opAt = ParamReader.Join(at, op);
            parts.Add(op switch
            {
                "$in" when operand is JsonArray list => view => AnyValue(Resolve(view, field), v => list.Any(o => Same(v, o))),
                "$nin" when operand is JsonArray list => view => !AnyValue(Resolve(view, field), v => list.Any(o => Same(v, o))),
                "$in" or "$nin" => Invalid(reader, opAt, "must be an array"),
                "$ne" => view => !AnyValue(Resolve(view, field), v => Same(v, operand)),
                "$gt" => Compare(field, operand, opAt, reader, c => c > 0),
                "$gte" => Compare(field, operand, opAt, reader, c => c >= 0),
                "$lt" => Compare(field, operand, opAt, reader, c => c < 0),
                "$lte" => Compare(field, operand, opAt, reader, c => c <= 0),
                "$regex" => Regex(field, operand, opAt, reader),
                _ => Invalid(reader, opAt, "unknown operator; use $in $nin $ne $gt $gte $lt $lte $regex"),
            });
        }

        return view => parts.All(p => p(view));
    }

    private static Func<JsonObject, bool> Compare(string field, JsonNode? operand, string at, ParamReader reader, Func<int, bool> accept)
    {
        if (operand?.GetValueKind() is not (JsonValueKind.Number or JsonValueKind.String))
        {
            return Invalid(reader, at, "must be a number or a string");
        }

        return view => AnyValue(Resolve(view, field), v => Order(v, operand) is int c && accept(c));
    }

    private static Func<JsonObject, bool> Regex(string field, JsonNode? operand, string at, ParamReader reader)
    {
        if (operand?.GetValueKind() != JsonValueKind.String)
        {
            return Invalid(reader, at, "must be a string");
        }

        Regex pattern;
        try
        {
            pattern = new Regex(operand.GetValue<string>(), RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            return Invalid(reader, at, "is not a valid regular expression: " + e.Message);
        }

        return view => AnyValue(Resolve(view, field), v => v?.GetValueKind() == JsonValueKind.String && pattern.IsMatch(v.GetValue<string>()));
    }

    private static Func<JsonObject, bool> Invalid(ParamReader reader, string at, string message)
    {
        reader.Errors.Add(at, message);
        return static _ => false;
    }

    /// <summary>The value at a dotted path, or null when any segment is missing.</summary>
    public static JsonNode? Resolve(JsonObject view, string path)
    {
        JsonNode? node = view;
        foreach (string segment in path.Split('.'))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(segment, out JsonNode? child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private static bool AnyValue(JsonNode? value, Func<JsonNode?, bool> test) =>
        value is JsonArray array ? array.Any(test) || test(array) : test(value);

    private static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    /// <summary>Orders two values of the same kind (numbers or strings); null when they cannot be compared.</summary>
    public static int? Order(JsonNode? a, JsonNode? b)
    {
        JsonValueKind kindA = a?.GetValueKind() ?? JsonValueKind.Null;
        JsonValueKind kindB = b?.GetValueKind() ?? JsonValueKind.Null;
        if (kindA == JsonValueKind.Number && kindB == JsonValueKind.Number)
        {
            return a!.GetValue<double>().CompareTo(b!.GetValue<double>());
        }

        if (kindA == JsonValueKind.String && kindB == JsonValueKind.String)
        {
            return string.CompareOrdinal(a!.GetValue<string>(), b!.GetValue<string>());
        }

        return null;
    }
}
