using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Clarify.Typed.Models;

/// <summary>A value compared in a <see cref="ResourceFilter"/>: text, a number, a boolean or an instant.</summary>
public readonly struct FilterValue
{
    private FilterValue(JsonNode? node) => Node = node;

    internal JsonNode? Node { get; }

    /// <summary>Text.</summary>
    public static implicit operator FilterValue(string? value) => new(value is null ? null : JsonValue.Create(value));

    /// <summary>A number.</summary>
    public static implicit operator FilterValue(double value) => new(JsonValue.Create(value));

    /// <summary>An integer.</summary>
    public static implicit operator FilterValue(long value) => new(JsonValue.Create(value));

    /// <summary>A boolean.</summary>
    public static implicit operator FilterValue(bool value) => new(JsonValue.Create(value));

    /// <summary>An instant, written as RFC 3339 UTC text.</summary>
    public static implicit operator FilterValue(DateTimeOffset value) => new(JsonValue.Create(ClarifyTime.ToText(value)));

    /// <summary>Text (for languages without implicit conversions).</summary>
    public static FilterValue FromString(string? value) => value;

    internal JsonNode? Copy() => Node?.DeepClone();
}

/// <summary>
/// A resource filter in Clarify's Mongo-like syntax. Paths may be dotted, e.g.
/// <c>annotations.site</c> or <c>labels.location</c>. Combine with <see cref="And"/>,
/// <see cref="Or"/>, <c>&amp;</c> and <c>|</c>.
/// </summary>
[JsonConverter(typeof(ResourceFilterJsonConverter))]
public sealed class ResourceFilter
{
    private readonly JsonObject _node;

    private ResourceFilter(JsonObject node) => _node = node;

    /// <summary>Matches every resource: <c>{}</c>.</summary>
    public static ResourceFilter All => new([]);

    /// <summary><c>{path: value}</c>: the field equals the value (for a list field, contains it).</summary>
    public static ResourceFilter Equals(string path, FilterValue value) => Field(path, value.Copy());

    /// <summary><c>{path: {"$ne": value}}</c>.</summary>
    public static ResourceFilter NotEqual(string path, FilterValue value) => Operator(path, "$ne", value.Copy());

    /// <summary><c>{path: {"$in": [values]}}</c>: the field equals one of the values.</summary>
    public static ResourceFilter In(string path, params IEnumerable<FilterValue> values) => Operator(path, "$in", List(values));

    /// <summary><c>{path: {"$nin": [values]}}</c>: the field equals none of the values.</summary>
    public static ResourceFilter NotIn(string path, params IEnumerable<FilterValue> values) => Operator(path, "$nin", List(values));

    /// <summary><c>{path: {"$gt": value}}</c>.</summary>
    public static ResourceFilter GreaterThan(string path, FilterValue value) => Operator(path, "$gt", value.Copy());

    /// <summary><c>{path: {"$gte": value}}</c>.</summary>
    public static ResourceFilter GreaterThanOrEqual(string path, FilterValue value) => Operator(path, "$gte", value.Copy());

    /// <summary><c>{path: {"$lt": value}}</c>.</summary>
    public static ResourceFilter LessThan(string path, FilterValue value) => Operator(path, "$lt", value.Copy());

    /// <summary><c>{path: {"$lte": value}}</c>.</summary>
    public static ResourceFilter LessThanOrEqual(string path, FilterValue value) => Operator(path, "$lte", value.Copy());

    /// <summary><c>{path: {"$regex": pattern}}</c>: the field matches a regular expression.</summary>
    public static ResourceFilter Regex(string path, string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Operator(path, "$regex", JsonValue.Create(pattern));
    }

    /// <summary><c>{"$and": [filters]}</c>: every filter matches.</summary>
    public static ResourceFilter And(params IEnumerable<ResourceFilter> filters) => Combine("$and", filters);

    /// <summary><c>{"$or": [filters]}</c>: at least one filter matches.</summary>
    public static ResourceFilter Or(params IEnumerable<ResourceFilter> filters) => Combine("$or", filters);

    /// <summary>Both filters match.</summary>
    public static ResourceFilter operator &(ResourceFilter left, ResourceFilter right) => And(left, right);

    /// <summary>Either filter matches.</summary>
    public static ResourceFilter operator |(ResourceFilter left, ResourceFilter right) => Or(left, right);

    /// <summary>Both filters match (for languages without operators).</summary>
    public static ResourceFilter BitwiseAnd(ResourceFilter left, ResourceFilter right) => And(left, right);

    /// <summary>Either filter matches (for languages without operators).</summary>
    public static ResourceFilter BitwiseOr(ResourceFilter left, ResourceFilter right) => Or(left, right);

    /// <summary>The filter's JSON, as sent.</summary>
    public override string ToString() => _node.ToJsonString();

    internal void WriteTo(Utf8JsonWriter writer) => _node.WriteTo(writer);

    internal static ResourceFilter FromNode(JsonObject node) => new(node);

    private static ResourceFilter Field(string path, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new ResourceFilter(new JsonObject { [path] = value });
    }

    private static ResourceFilter Operator(string path, string name, JsonNode? operand) =>
        Field(path, new JsonObject { [name] = operand });

    private static JsonArray List(IEnumerable<FilterValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new JsonArray(values.Select(v => v.Copy()).ToArray());
    }

    private static ResourceFilter Combine(string name, IEnumerable<ResourceFilter> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        return new ResourceFilter(new JsonObject { [name] = new JsonArray(filters.Select(f => (JsonNode?)f._node.DeepClone()).ToArray()) });
    }
}

/// <summary>
/// Which data a <c>clarify.dataFrame</c> or <c>clarify.evaluate</c> returns:
/// <c>{"times": {"$gte": from, "$lt": to}, "series": {"$in": [keys]}}</c>.
/// </summary>
[JsonConverter(typeof(DataFilterJsonConverter))]
public sealed class DataFilter
{
    /// <summary>Creates a filter.</summary>
    /// <param name="from">The first instant included (<c>$gte</c>), or null for no lower bound.</param>
    /// <param name="to">The first instant excluded (<c>$lt</c>), or null for no upper bound.</param>
    /// <param name="series">Only these series (item ids or aliases), or null for all.</param>
    public DataFilter(DateTimeOffset? from, DateTimeOffset? to, IReadOnlyList<string>? series = null)
    {
        if (from is DateTimeOffset f && to is DateTimeOffset t && f >= t)
        {
            throw new ArgumentException($"The time range is empty: from ({ClarifyTime.ToText(f)}) must be before to ({ClarifyTime.ToText(t)}).", nameof(to));
        }

        From = from;
        To = to;
        Series = series;
    }

    /// <summary>The time range <c>[from, to)</c>.</summary>
    public static DataFilter TimeRange(DateTimeOffset from, DateTimeOffset to) => new(from, to);

    /// <summary>The first instant included.</summary>
    public DateTimeOffset? From { get; }

    /// <summary>The first instant excluded.</summary>
    public DateTimeOffset? To { get; }

    /// <summary>The series to return, or null for all.</summary>
    public IReadOnlyList<string>? Series { get; }

    /// <summary>The same filter restricted to these series.</summary>
    public DataFilter WithSeries(params IEnumerable<string> series) => new(From, To, series.ToArray());

    internal DataFilter WithRange(DateTimeOffset from, DateTimeOffset to) => new(from, to, Series);
}

internal sealed class ResourceFilterJsonConverter : JsonConverter<ResourceFilter>
{
    public override ResourceFilter? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonNode.Parse(ref reader) is JsonObject node ? ResourceFilter.FromNode(node) : null;

    public override void Write(Utf8JsonWriter writer, ResourceFilter value, JsonSerializerOptions options) => value.WriteTo(writer);
}

internal sealed class DataFilterJsonConverter : JsonConverter<DataFilter>
{
    public override DataFilter? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonObject? node = JsonNode.Parse(ref reader) as JsonObject;
        if (node is null)
        {
            return null;
        }

        DateTimeOffset? Time(string op) => node["times"]?[op]?.GetValue<string>() is string text
            ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : null;
        string[]? series = (node["series"]?["$in"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToArray();
        return new DataFilter(Time("$gte"), Time("$lt"), series);
    }

    public override void Write(Utf8JsonWriter writer, DataFilter value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.From is not null || value.To is not null)
        {
            writer.WriteStartObject("times");
            if (value.From is DateTimeOffset from)
            {
                writer.WriteString("$gte", ClarifyTime.ToText(from));
            }

            if (value.To is DateTimeOffset to)
            {
                writer.WriteString("$lt", ClarifyTime.ToText(to));
            }

            writer.WriteEndObject();
        }

        if (value.Series is not null)
        {
            writer.WriteStartObject("series");
            writer.WriteStartArray("$in");
            foreach (string key in value.Series)
            {
                writer.WriteStringValue(key);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
