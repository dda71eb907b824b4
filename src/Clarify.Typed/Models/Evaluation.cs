using System;
using System.Text.Json.Serialization;

namespace Clarify.Typed.Models;

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
