using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Clarify.Typed.Emulator.Store;

/// <summary>What signals and items have in common: attributes, annotations and timestamps (microseconds).</summary>
internal abstract class ResourceRecord
{
    protected ResourceRecord(string id, JsonObject attributes, JsonObject annotations, long now)
    {
        Id = id;
        Attributes = attributes;
        Annotations = annotations;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public string Id { get; }

    public JsonObject Attributes { get; set; }

    public JsonObject Annotations { get; set; }

    public long CreatedAt { get; }

    public long UpdatedAt { get; set; }

    public abstract string Type { get; }
}

/// <summary>A signal of the integration: the target of <c>integration.insert</c>, keyed by input.</summary>
internal sealed class SignalRecord : ResourceRecord
{
    public SignalRecord(string id, string input, JsonObject attributes, JsonObject annotations, long now)
        : base(id, attributes, annotations, now) => Input = input;

    public string Input { get; }

    public string? ItemId { get; set; }

    /// <summary>Samples by time in microseconds.</summary>
    public SortedDictionary<long, double> Samples { get; } = [];

    public override string Type => "signals";
}

/// <summary>An item: what <c>clarify.selectItems</c>, <c>dataFrame</c> and <c>evaluate</c> read; its data comes from its signals.</summary>
internal sealed class ItemRecord : ResourceRecord
{
    public ItemRecord(string id, JsonObject attributes, JsonObject annotations, long now)
        : base(id, attributes, annotations, now)
    {
    }

    public override string Type => "items";
}
