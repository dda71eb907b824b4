using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Clarify.Typed.Emulator.Queries;
using Clarify.Typed.Emulator.Rpc;
using Clarify.Typed.Emulator.Store;

namespace Clarify.Typed.Emulator.Methods;

/// <summary>The <c>admin.*</c> methods: selecting signals and turning them into items.</summary>
internal static class AdminMethods
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 1000;

    /// <summary><c>admin.selectSignals</c>: a selection of signals, optionally with their items included.</summary>
    public static JsonNode SelectSignals(RpcCall call)
    {
        call.RequireIntegration();
        (ResourceQuery query, Selection selection, bool includeItems) = ReadSelect(call);
        call.Reader.Errors.ThrowIfAny();
        (List<SignalRecord> page, int total) = query.Apply(call.Store.SignalsById.Values);
        return WriteSignals(call, selection, page, total, includeItems);
    }

    /// <summary><c>admin.publishSignals</c>: creates or updates the item of each signal.</summary>
    public static JsonNode PublishSignals(RpcCall call)
    {
        call.RequireIntegration();
        ParamReader reader = call.Reader;
        EmulatorStore store = call.Store;
        JsonObject? itemsBySignal = reader.Object(call.Params, "itemsBySignal", string.Empty, required: true);
        bool createOnly = reader.Bool(call.Params, "createOnly", string.Empty, fallback: false);
        var saves = new List<(SignalRecord Signal, JsonObject Attributes, JsonObject Annotations)>();
        foreach ((string signalId, JsonNode? save) in itemsBySignal ?? [])
        {
            string at = "itemsBySignal." + signalId;
            if (!store.SignalsById.TryGetValue(signalId, out SignalRecord? signal))
            {
                reader.Errors.Add(at, "no signal with this id in the integration");
            }
            else if (save is not JsonObject fields)
            {
                reader.Errors.Add(at, "must be an object (an ItemSave)");
            }
            else
            {
                (JsonObject attributes, JsonObject annotations) = ResourceAttributes.FromSave(fields, at, reader, isItem: true, call.ApiVersion);
                saves.Add((signal, attributes, annotations));
            }
        }

        reader.Errors.ThrowIfAny();
        var result = new JsonObject();
        foreach ((SignalRecord signal, JsonObject attributes, JsonObject annotations) in saves)
        {
            bool created = false;
            bool updated = false;
            if (signal.ItemId is null || !store.ItemsById.TryGetValue(signal.ItemId, out ItemRecord? item))
            {
                item = store.AddItem(attributes, annotations);
                signal.ItemId = item.Id;
                created = true;
            }
            else if (!createOnly)
            {
                updated = store.Update(item, attributes, annotations);
            }

            result[signal.Id] = new JsonObject { ["id"] = item.Id, ["created"] = created, ["updated"] = updated };
        }

        return new JsonObject { ["itemsBySignal"] = result };
    }

    /// <summary><c>admin.connectSignals</c> (1.2alpha1): makes the selected signals feed an item.</summary>
    public static JsonNode ConnectSignals(RpcCall call)
    {
        call.RequireIntegration();
        string? itemId = call.Reader.String(call.Params, "item", string.Empty, required: true);
        if (itemId is not null && !call.Store.ItemsById.ContainsKey(itemId))
        {
            call.Reader.Errors.Add("item", "no item with this id");
        }

        return SetItemOfSelectedSignals(call, itemId);
    }

    /// <summary>
    /// <c>admin.disconnectSignals</c> (1.2alpha1): the selected signals stop feeding whatever item
    /// they feed. The method takes no <c>item</c> (clarify-go sends integration, query and format);
    /// one sent anyway is ignored, like any other parameter the method does not take.
    /// </summary>
    public static JsonNode DisconnectSignals(RpcCall call)
    {
        call.RequireIntegration();
        return SetItemOfSelectedSignals(call, itemId: null);
    }

    /// <summary>Points the selected signals at an item (or none); with <c>dryRun</c> (pyclarify sends it) it only answers what it would change.</summary>
    private static JsonNode SetItemOfSelectedSignals(RpcCall call, string? itemId)
    {
        ResourceQuery query = ResourceQuery.Read(call.Params, call.Reader, DefaultLimit, MaxLimit);
        Selection selection = Selection.ReadFormat(call.Params, call.Reader);
        bool dryRun = call.Reader.Bool(call.Params, "dryRun", string.Empty, fallback: false);
        call.Reader.Errors.ThrowIfAny();
        (List<SignalRecord> page, int total) = query.Apply(call.Store.SignalsById.Values);
        foreach (SignalRecord signal in dryRun ? [] : page)
        {
            signal.ItemId = itemId;
        }

        return WriteSignals(call, selection, page, total, includeItems: false);
    }

    private static (ResourceQuery Query, Selection Selection, bool IncludeItems) ReadSelect(RpcCall call) => (
        ResourceQuery.Read(call.Params, call.Reader, DefaultLimit, MaxLimit),
        Selection.ReadFormat(call.Params, call.Reader),
        Selection.ReadIncludeItems(call.Params, call.Reader));

    private static JsonObject WriteSignals(RpcCall call, Selection selection, List<SignalRecord> page, int total, bool includeItems)
    {
        var data = new JsonArray(page.Select(s => (JsonNode?)ResourceWriter.Write(s, call.IntegrationId)).ToArray());
        IEnumerable<JsonObject> included = includeItems
            ? page.Select(s => s.ItemId).OfType<string>().Distinct().Select(id => ResourceWriter.Write(call.Store.ItemsById[id]))
            : [];
        return selection.Write(total, data, included);
    }
}
