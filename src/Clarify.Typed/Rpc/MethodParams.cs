using System.Collections.Generic;
using Clarify.Typed.Models;

namespace Clarify.Typed.Rpc;

/// <summary>Parameters of <c>integration.saveSignals</c>.</summary>
internal sealed class SaveSignalsParams
{
    /// <summary>The integration id.</summary>
    public string Integration { get; set; } = string.Empty;

    /// <summary>What to save, by input key.</summary>
    public Dictionary<string, SignalSave> SignalsByInput { get; set; } = [];

    /// <summary>Only create signals; leave existing ones as they are.</summary>
    public bool CreateOnly { get; set; }
}

/// <summary>Parameters of <c>admin.publishSignals</c>.</summary>
internal sealed class PublishSignalsParams
{
    /// <summary>The integration id.</summary>
    public string Integration { get; set; } = string.Empty;

    /// <summary>What to publish, by signal id.</summary>
    public Dictionary<string, ItemSave> ItemsBySignal { get; set; } = [];

    /// <summary>Only create items; leave existing ones as they are.</summary>
    public bool CreateOnly { get; set; }
}

/// <summary>Parameters of <c>admin.selectSignals</c>.</summary>
internal sealed class SelectSignalsParams
{
    /// <summary>The integration id.</summary>
    public string Integration { get; set; } = string.Empty;

    /// <summary>Which signals.</summary>
    public required ResourceQuery Query { get; init; }

    /// <summary>Related resources to include, e.g. <c>item</c>.</summary>
    public List<string>? Include { get; set; }

    /// <summary>The selection format.</summary>
    public SelectionFormat Format => SelectionFormats.DataAsArray;
}

/// <summary>Parameters of <c>clarify.selectItems</c>.</summary>
internal sealed class SelectItemsParams
{
    /// <summary>Which items.</summary>
    public required ResourceQuery Query { get; init; }

    /// <summary>Related resources to include.</summary>
    public List<string>? Include { get; set; }

    /// <summary>The selection format.</summary>
    public SelectionFormat Format => SelectionFormats.DataAsArray;
}

/// <summary>Parameters of <c>clarify.dataFrame</c>.</summary>
internal sealed class DataFrameParams
{
    /// <summary>Which items (at most 50 a call).</summary>
    public required ResourceQuery Query { get; init; }

    /// <summary>Which data and how bucketed.</summary>
    public required DataQuery Data { get; init; }

    /// <summary>Related resources to include, e.g. <c>item</c>.</summary>
    public List<string>? Include { get; set; }

    /// <summary>The selection format; <c>data</c> comes as one data frame object (<c>dataAsArray: false</c>).</summary>
    public SelectionFormat Format => SelectionFormats.DataAsObject;
}

/// <summary>Parameters of <c>clarify.evaluate</c>.</summary>
internal sealed class EvaluateParams
{
    /// <summary>Items by alias (at most 50 distinct items).</summary>
    public required List<EvaluateItem> Items { get; init; }

    /// <summary>Formulas (at most 100).</summary>
    public required List<Calculation> Calculations { get; init; }

    /// <summary>Which data and how bucketed; a rollup is required.</summary>
    public required DataQuery Data { get; init; }

    /// <summary>Related resources to include.</summary>
    public List<string>? Include { get; set; }

    /// <summary>The selection format; <c>data</c> comes as one data frame object (<c>dataAsArray: false</c>).</summary>
    public SelectionFormat Format => SelectionFormats.DataAsObject;
}

/// <summary>Parameters of <c>admin.connectSignals</c> (API 1.2alpha1).</summary>
internal sealed class ConnectSignalsParams
{
    /// <summary>The integration id.</summary>
    public string Integration { get; set; } = string.Empty;

    /// <summary>The item to connect the signals to.</summary>
    public string Item { get; set; } = string.Empty;

    /// <summary>Which signals.</summary>
    public required ResourceQuery Query { get; init; }

    /// <summary>The selection format.</summary>
    public SelectionFormat Format => SelectionFormats.DataAsArray;
}

/// <summary>
/// Parameters of <c>admin.disconnectSignals</c> (API 1.2alpha1). There is no item: the signals
/// leave whatever item they are connected to.
/// </summary>
internal sealed class DisconnectSignalsParams
{
    /// <summary>The integration id.</summary>
    public string Integration { get; set; } = string.Empty;

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
