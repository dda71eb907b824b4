using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Clarify.Typed.Emulator.Data;

namespace Clarify.Typed.Emulator.Store;

/// <summary>Renders records as Clarify resources: <c>{type, id, meta, attributes, relationships}</c>.</summary>
internal static class ResourceWriter
{
    public static JsonObject Write(SignalRecord signal, string integrationId)
    {
        var attributes = (JsonObject)signal.Attributes.DeepClone();
        attributes["input"] = signal.Input;
        var relationships = new JsonObject
        {
            ["integration"] = new JsonObject { ["data"] = Reference("integrations", integrationId) },
            ["item"] = new JsonObject { ["data"] = signal.ItemId is null ? null : Reference("items", signal.ItemId) },
        };
        return Write(signal, attributes, relationships);
    }

    public static JsonObject Write(ItemRecord item) => Write(item, (JsonObject)item.Attributes.DeepClone(), new JsonObject());

    /// <summary>Whether saving <paramref name="attributes"/> and <paramref name="annotations"/> would change the record.</summary>
    public static bool Differs(ResourceRecord record, JsonObject attributes, JsonObject annotations) =>
        !JsonNode.DeepEquals(record.Attributes, attributes) || !JsonNode.DeepEquals(record.Annotations, annotations);

    private static JsonObject Write(ResourceRecord record, JsonObject attributes, JsonObject relationships) => new()
    {
        ["type"] = record.Type,
        ["id"] = record.Id,
        ["meta"] = new JsonObject
        {
            ["annotations"] = record.Annotations.DeepClone(),
            ["attributesHash"] = Hash(record.Attributes),
            ["relationshipsHash"] = Hash(relationships),
            ["createdAt"] = Timestamps.Format(record.CreatedAt),
            ["updatedAt"] = Timestamps.Format(record.UpdatedAt),
        },
        ["attributes"] = attributes,
        ["relationships"] = relationships,
    };

    private static JsonObject Reference(string type, string id) => new() { ["type"] = type, ["id"] = id };

    private static string Hash(JsonNode node) =>
        Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(node.ToJsonString()))).ToLowerInvariant();
}
