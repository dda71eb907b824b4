using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Clarify.Typed.Models;

/// <summary>A Clarify resource: a signal, an item, or another type.</summary>
/// <typeparam name="TAttributes">The attributes of that resource type.</typeparam>
public sealed class Resource<TAttributes>
    where TAttributes : class
{
    /// <summary>The resource type, e.g. <c>signals</c> or <c>items</c>.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The resource id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Annotations, hashes and timestamps.</summary>
    public ResourceMeta? Meta { get; set; }

    /// <summary>The resource's attributes.</summary>
    public TAttributes? Attributes { get; set; }

    /// <summary>Links to other resources by name, e.g. <c>item</c> or <c>integration</c>; a null entry is no link.</summary>
    public Dictionary<string, Relationship?>? Relationships { get; set; }
}

/// <summary>Metadata every resource carries.</summary>
public sealed class ResourceMeta
{
    /// <summary>Free-form annotations (key to text).</summary>
    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>A hash of the attributes, to detect changes.</summary>
    public string? AttributesHash { get; set; }

    /// <summary>A hash of the relationships, to detect changes.</summary>
    public string? RelationshipsHash { get; set; }

    /// <summary>When the resource was created.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When the resource last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>A link to one resource, or to several.</summary>
[JsonConverter(typeof(RelationshipJsonConverter))]
public sealed class Relationship
{
    /// <summary>Creates a relationship.</summary>
    public Relationship(IReadOnlyList<ResourceIdentifier> data, bool isToMany)
    {
        Data = data;
        IsToMany = isToMany;
    }

    /// <summary>The linked resources (none when the link is empty).</summary>
    public IReadOnlyList<ResourceIdentifier> Data { get; }

    /// <summary>Whether the server sent a list (to-many) rather than one identifier.</summary>
    public bool IsToMany { get; }

    /// <summary>The linked resource of a to-one link, or null.</summary>
    public ResourceIdentifier? Single => Data.Count > 0 ? Data[0] : null;
}

/// <summary>Points at a resource.</summary>
public sealed record ResourceIdentifier
{
    /// <summary>The resource type, e.g. <c>items</c>.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>The resource id.</summary>
    public string Id { get; init; } = string.Empty;
}

/// <summary>The type of a signal's or item's values.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ValueKind>))]
public enum ValueKind
{
    /// <summary>Numbers.</summary>
    Numeric,

    /// <summary>Integers that stand for the texts in <c>enumValues</c>.</summary>
    Enum,
}

/// <summary>Where a signal's or item's values come from.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<SourceKind>))]
public enum SourceKind
{
    /// <summary>Measured.</summary>
    Measurement,

    /// <summary>Aggregated from other data.</summary>
    Aggregation,

    /// <summary>Predicted.</summary>
    Prediction,
}

/// <summary>Attributes shared by signals and items.</summary>
public abstract class ResourceAttributes
{
    /// <summary>The display name.</summary>
    public string? Name { get; set; }

    /// <summary>A description.</summary>
    public string? Description { get; set; }

    /// <summary>Whether values are numbers or enum indexes.</summary>
    public ValueKind? ValueType { get; set; }

    /// <summary>Where values come from.</summary>
    public SourceKind? SourceType { get; set; }

    /// <summary>The engineering unit, e.g. <c>°C</c>.</summary>
    public string? EngUnit { get; set; }

    /// <summary>The expected time between values.</summary>
    [JsonConverter(typeof(IsoDurationJsonConverter))]
    public TimeSpan? SampleInterval { get; set; }

    /// <summary>A longer time without values than this is shown as a gap.</summary>
    [JsonConverter(typeof(IsoDurationJsonConverter))]
    public TimeSpan? GapDetection { get; set; }

    /// <summary>Labels: key to values.</summary>
    public Dictionary<string, List<string>>? Labels { get; set; }

    /// <summary>Texts of enum values, by value.</summary>
    public Dictionary<int, string>? EnumValues { get; set; }
}

/// <summary>Attributes of a signal (as read from Clarify).</summary>
public sealed class SignalAttributes : ResourceAttributes
{
    /// <summary>The input key the integration writes the signal under.</summary>
    public string? Input { get; set; }
}

/// <summary>Attributes of an item (as read from Clarify).</summary>
public sealed class ItemAttributes : ResourceAttributes
{
    /// <summary>Whether the item is visible to every member of the organisation.</summary>
    public bool? Visible { get; set; }
}

/// <summary>What to save for a signal with <c>integration.saveSignals</c>; unset values are not sent.</summary>
public class SignalSave : ResourceAttributes
{
    /// <summary>Annotations to save (key to text).</summary>
    public Dictionary<string, string>? Annotations { get; set; }
}

/// <summary>What to publish as an item with <c>admin.publishSignals</c>; unset values are not sent.</summary>
public sealed class ItemSave : SignalSave
{
    /// <summary>Whether the item is visible to every member of the organisation.</summary>
    public bool? Visible { get; set; }
}
