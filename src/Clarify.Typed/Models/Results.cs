using System.Collections.Generic;

namespace Clarify.Typed.Models;

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
