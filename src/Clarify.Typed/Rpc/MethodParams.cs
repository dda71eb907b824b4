using System.Collections.Generic;
using Clarify.Typed.Models;

namespace Clarify.Typed.Rpc;

// Parameters are structs: a call's parameters travel inside its async state machine instead of
// being one more object per call; they are only serialised.

/// <summary>Parameters of <c>integration.saveSignals</c>.</summary>
internal readonly struct SaveSignalsParams
{
    /// <summary>The integration id.</summary>
    public required string Integration { get; init; }

    /// <summary>What to save, by input key.</summary>
    public required Dictionary<string, SignalSave> SignalsByInput { get; init; }

    /// <summary>Only create signals; leave existing ones as they are.</summary>
    public bool CreateOnly { get; init; }
}

/// <summary>Parameters of <c>admin.publishSignals</c>.</summary>
internal readonly struct PublishSignalsParams
{
    /// <summary>The integration id.</summary>
    public required string Integration { get; init; }

    /// <summary>What to publish, by signal id.</summary>
    public required Dictionary<string, ItemSave> ItemsBySignal { get; init; }

    /// <summary>Only create items; leave existing ones as they are.</summary>
    public bool CreateOnly { get; init; }
}

/// <summary>Parameters of <c>admin.selectSignals</c>.</summary>
internal readonly struct SelectSignalsParams
{
    /// <summary>The integration id.</summary>
    public required string Integration { get; init; }

    /// <summary>Which signals.</summary>
    public required ResourceQuery Query { get; init; }

    /// <summary>Related resources to include, e.g. <c>item</c>.</summary>
    public List<string>? Include { get; init; }

    /// <summary>The selection format.</summary>
    public SelectionFormat Format => SelectionFormats.DataAsArray;
}

/// <summary>Parameters of <c>clarify.selectItems</c>.</summary>
internal readonly struct SelectItemsParams
{
    /// <summary>Which items.</summary>
    public required ResourceQuery Query { get; init; }

    /// <summary>Related resources to include.</summary>
    public List<string>? Include { get; init; }

    /// <summary>The selection format.</summary>
    public SelectionFormat Format => SelectionFormats.DataAsArray;
}

/// <summary>Parameters of <c>clarify.dataFrame</c>.</summary>
internal readonly struct DataFrameParams
{
    /// <summary>Which items (at most 50 a call).</summary>
    public required ResourceQuery Query { get; init; }

    /// <summary>Which data and how bucketed.</summary>
    public required DataQuery Data { get; init; }

    /// <summary>Related resources to include, e.g. <c>item</c>.</summary>
    public List<string>? Include { get; init; }

    /// <summary>The selection format; <c>data</c> comes as one data frame object (<c>dataAsArray: false</c>).</summary>
    public SelectionFormat Format => SelectionFormats.DataAsObject;
}

/// <summary>Parameters of <c>clarify.evaluate</c>.</summary>
internal readonly struct EvaluateParams
{
    /// <summary>Items by alias (at most 50 distinct items).</summary>
    public required List<EvaluateItem> Items { get; init; }

    /// <summary>Formulas (at most 100).</summary>
    public required List<Calculation> Calculations { get; init; }

    /// <summary>Which data and how bucketed; a rollup is required.</summary>
    public required DataQuery Data { get; init; }

    /// <summary>Related resources to include.</summary>
    public List<string>? Include { get; init; }

    /// <summary>The selection format; <c>data</c> comes as one data frame object (<c>dataAsArray: false</c>).</summary>
    public SelectionFormat Format => SelectionFormats.DataAsObject;
}

/// <summary>Parameters of <c>admin.connectSignals</c> (API 1.2alpha1).</summary>
internal readonly struct ConnectSignalsParams
{
    /// <summary>The integration id.</summary>
    public required string Integration { get; init; }

    /// <summary>The item to connect the signals to.</summary>
    public required string Item { get; init; }

    /// <summary>Which signals.</summary>
    public required ResourceQuery Query { get; init; }

    /// <summary>The selection format.</summary>
    public SelectionFormat Format => SelectionFormats.DataAsArray;
}

/// <summary>
/// Parameters of <c>admin.disconnectSignals</c> (API 1.2alpha1). There is no item: the signals
/// leave whatever item they are connected to.
/// </summary>
internal readonly struct DisconnectSignalsParams
{
    /// <summary>The integration id.</summary>
    public required string Integration { get; init; }

    /// <summary>Which signals.</summary>
    public required ResourceQuery Query { get; init; }

    /// <summary>The selection format.</summary>
    public SelectionFormat Format => SelectionFormats.DataAsArray;
}

/// <summary>
/// The two selection formats the client asks for, one instance each: parameters are only
/// serialised, so a call need not allocate its own (these instances are never changed).
/// </summary>
internal static class SelectionFormats
{
    /// <summary><c>data</c> as an array of resources (the default format).</summary>
    public static SelectionFormat DataAsArray { get; } = new();

    /// <summary><c>data</c> as one data frame object.</summary>
    public static SelectionFormat DataAsObject { get; } = new() { DataAsArray = false };
}
