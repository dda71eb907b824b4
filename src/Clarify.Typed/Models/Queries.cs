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

/// <summary>The shape of a selection. The typed client asks for lists of resources (a single data frame object for data frames) and included resources grouped by type.</summary>
public sealed class SelectionFormat
{
    /// <summary>Whether <c>data</c> is a list.</summary>
    public bool DataAsArray { get; set; } = true;

    /// <summary>Whether <c>included</c> is grouped by type.</summary>
    public bool GroupIncludedByType { get; set; } = true;
}

/// <summary>Counts and format of a selection.</summary>
public sealed class SelectionMeta
{
    /// <summary>How many resources match (-1 when not counted).</summary>
    public long? Total { get; set; }

    /// <summary>The format used.</summary>
    public SelectionFormat? Format { get; set; }
}

/// <summary>Related resources returned with a selection, grouped by type.</summary>
public sealed class IncludedResources
{
    /// <summary>Included items.</summary>
    public List<Resource<ItemAttributes>>? Items { get; set; }

    /// <summary>Included signals.</summary>
    public List<Resource<SignalAttributes>>? Signals { get; set; }
}

/// <summary>The result of a select: data, counts and related resources.</summary>
/// <typeparam name="TData">A list of resources, or a <see cref="DataFrame"/>.</typeparam>
public sealed class Selection<TData>
    where TData : class
{
    /// <summary>Counts and format.</summary>
    public SelectionMeta? Meta { get; set; }

    /// <summary>The selected data.</summary>
    public TData? Data { get; set; }

    /// <summary>Related resources asked for with <c>include</c>.</summary>
    public IncludedResources? Included { get; set; }
}

/// <summary>What happened to one signal in an insert.</summary>
public sealed class CreateSummary
{
    /// <summary>The signal id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Whether the signal was created by this call.</summary>
    public bool Created { get; set; }
}

/// <summary>What happened to one signal or item in a save.</summary>
public sealed class SaveSummary
{
    /// <summary>The resource id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Whether it was created by this call.</summary>
    public bool Created { get; set; }

    /// <summary>Whether it was changed by this call.</summary>
    public bool Updated { get; set; }
}

/// <summary>The result of <c>integration.insert</c>.</summary>
public sealed class InsertResult
{
    /// <summary>The signal behind each input key.</summary>
    public Dictionary<string, CreateSummary> SignalsByInput { get; set; } = [];
}

/// <summary>The result of <c>integration.saveSignals</c>.</summary>
public sealed class SaveSignalsResult
{
    /// <summary>The signal behind each input key.</summary>
    public Dictionary<string, SaveSummary> SignalsByInput { get; set; } = [];
}

/// <summary>The result of <c>admin.publishSignals</c>.</summary>
public sealed class PublishSignalsResult
{
    /// <summary>The item published for each signal id.</summary>
    public Dictionary<string, SaveSummary> ItemsBySignal { get; set; } = [];
}

/// <summary>How <c>clarify.evaluate</c> aggregates an item's values within a bucket.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<Aggregation>))]
public enum Aggregation
{
    /// <summary>Number of values.</summary>
    Count,

    /// <summary>Smallest value.</summary>
    Min,

    /// <summary>Largest value.</summary>
    Max,

    /// <summary>Sum of values.</summary>
    Sum,

    /// <summary>Mean value.</summary>
    Avg,

    /// <summary>Seconds spent in <see cref="EvaluateItem.State"/>.</summary>
    StateSeconds,

    /// <summary>Percentage of time in <see cref="EvaluateItem.State"/>.</summary>
    StatePercent,

    /// <summary>Fraction of time in <see cref="EvaluateItem.State"/>.</summary>
    StateRate,

    /// <summary>First value.</summary>
    First,

    /// <summary>Last value.</summary>
    Last,
}

/// <summary>An item used by <c>clarify.evaluate</c> under an alias.</summary>
public sealed class EvaluateItem
{
    /// <summary>The item id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>How values are aggregated per bucket.</summary>
    public Aggregation Aggregation { get; set; }

    /// <summary>The enum state for the state aggregations.</summary>
    public int? State { get; set; }

    /// <summary>Shift the item this many buckets forward.</summary>
    public int? Lead { get; set; }

    /// <summary>Shift the item this many buckets back.</summary>
    public int? Lag { get; set; }

    /// <summary>The name used in formulas (<c>^[A-Za-z_][A-Za-z0-9_]{0,27}$</c>).</summary>
    public string Alias { get; set; } = string.Empty;
}

/// <summary>A formula computed by <c>clarify.evaluate</c>.</summary>
public sealed class Calculation
{
    /// <summary>The formula over item and calculation aliases, e.g. <c>a + b</c>.</summary>
    public string Formula { get; set; } = string.Empty;

    /// <summary>The name of the result series.</summary>
    public string Alias { get; set; } = string.Empty;
}

internal sealed class RollupJsonConverter : JsonConverter<Rollup>
{
    public override Rollup? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Rollup.Parse(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, Rollup value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text);
}
