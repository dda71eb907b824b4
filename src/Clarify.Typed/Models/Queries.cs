using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace Clarify.Typed.Models;

/// <summary>Which resources a select returns, in which order, and which page.</summary>
public sealed class ResourceQuery
{
    /// <summary>The filter, or null for every resource.</summary>
    public ResourceFilter? Filter { get; set; }

    /// <summary>Sort fields; a leading <c>-</c> sorts descending, e.g. <c>-id</c>.</summary>
    public List<string>? Sort { get; set; }

    /// <summary>The page size (server default 20; at most 1000 for items and signals, 50 for data frames).</summary>
    public int? Limit { get; set; }

    /// <summary>How many resources to skip.</summary>
    public int? Skip { get; set; }

    /// <summary>Whether the server should count every match (<c>meta.total</c>).</summary>
    public bool? Total { get; set; }

    internal ResourceQuery Page(int limit, int skip) => new() { Filter = Filter, Sort = Sort, Limit = limit, Skip = skip, Total = true };
}

/// <summary>
/// How values are bucketed: a fixed duration (ISO 8601, e.g. <c>PT1H</c>), or one bucket for the
/// whole range (<see cref="Window"/>).
/// </summary>
[JsonConverter(typeof(RollupJsonConverter))]
public sealed class Rollup : IEquatable<Rollup>
{
    private const string WindowText = "window";

    private Rollup(string text, TimeSpan? duration)
    {
        Text = text;
        Duration = duration;
    }

    /// <summary>One bucket for the whole time range; no limit on the range.</summary>
    public static Rollup Window { get; } = new(WindowText, null);

    /// <summary>The text sent, e.g. <c>PT1H</c> or <c>window</c>.</summary>
    public string Text { get; }

    /// <summary>The bucket length (months count as 30 days, years as 365), or null for <see cref="Window"/>.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>Whether this is <see cref="Window"/>.</summary>
    public bool IsWindow => Duration is null;

    /// <summary>Buckets of a fixed length.</summary>
    public static Rollup Every(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A rollup must be longer than zero.");
        }

        return new Rollup(XmlConvert.ToString(duration), duration);
    }

    /// <summary>Reads <c>window</c> or an ISO 8601 duration such as <c>P1M</c>.</summary>
    /// <exception cref="FormatException">The text is neither.</exception>
    public static Rollup Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == WindowText)
        {
            return Window;
        }

        try
        {
            return new Rollup(text, XmlConvert.ToTimeSpan(text));
        }
        catch (FormatException e)
        {
            throw new FormatException($"Rollup \"{text}\" is neither \"window\" nor an ISO 8601 duration such as PT1H or P1D.", e);
        }
    }

    /// <inheritdoc />
    public bool Equals(Rollup? other) => other is not null && Text == other.Text;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Rollup);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>Which data a data frame or an evaluation returns, and how it is bucketed.</summary>
public sealed class DataQuery
{
    /// <summary>The time range and series.</summary>
    public DataFilter? Filter { get; set; }

    /// <summary>The bucket length, <see cref="Rollup.Window"/>, or null for raw values.</summary>
    public Rollup? Rollup { get; set; }

    /// <summary>The IANA time zone buckets align to (server default UTC).</summary>
    public string? TimeZone { get; set; }

    /// <summary>The first day of a week for weekly buckets (1 = Monday ... 7 = Sunday).</summary>
    public int? FirstDayOfWeek { get; set; }

    /// <summary>The instant buckets align to.</summary>
    public DateTimeOffset? Origin { get; set; }

    /// <summary>Return only the last N rows.</summary>
    public int? Last { get; set; }

    internal DataQuery WithFilter(DataFilter filter) => new()
    {
        Filter = filter, Rollup = Rollup, TimeZone = TimeZone, FirstDayOfWeek = FirstDayOfWeek, Origin = Origin, Last = Last,
    };
}

internal sealed class RollupJsonConverter : JsonConverter<Rollup>
{
    public override Rollup? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Rollup.Parse(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, Rollup value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text);
}
