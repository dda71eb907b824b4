using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Clarify.Typed.Models;

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
