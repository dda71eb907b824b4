using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Clarify.Typed.Emulator.Data;
using Clarify.Typed.Emulator.Queries;
using Clarify.Typed.Emulator.Rpc;
using Clarify.Typed.Emulator.Store;

namespace Clarify.Typed.Emulator.Methods;

/// <summary>The <c>clarify.*</c> methods: reading items and their data.</summary>
internal static partial class ClarifyMethods
{
    private const int MaxEvaluateItems = 50;
    private const int MaxCalculations = 100;

    /// <summary><c>clarify.selectItems</c>: a selection of items.</summary>
    public static JsonNode SelectItems(RpcCall call)
    {
        ResourceQuery query = ResourceQuery.Read(call.Params, call.Reader, defaultLimit: 20, maxLimit: 1000);
        Selection selection = Selection.ReadFormat(call.Params, call.Reader);
        List<string> include = call.Reader.Strings(call.Params, "include", string.Empty);
        if (include.Count > 0)
        {
            call.Reader.Errors.Add("include", "items have no relationships the emulator can include");
        }

        call.Reader.Errors.ThrowIfAny();
        (List<ItemRecord> page, int total) = query.Apply(call.Store.ItemsById.Values);
        return selection.Write(total, new JsonArray(page.Select(i => (JsonNode?)ResourceWriter.Write(i)).ToArray()), []);
    }

    /// <summary>
    /// <c>clarify.dataFrame</c>: the data of the selected items. Without rollup a series is keyed by
    /// item id; with a rollup each item gives <c>{id}_sum</c>, <c>{id}_avg</c>, <c>{id}_min</c>,
    /// <c>{id}_max</c> and <c>{id}_count</c>, with a time per bucket that has samples.
    /// </summary>
    public static JsonNode DataFrame(RpcCall call)
    {
        ResourceQuery query = ResourceQuery.Read(call.Params, call.Reader, defaultLimit: 10, maxLimit: 50);
        DataQuery data = DataQuery.Read(call.Params, call.Reader, rollupRequired: false);
        Selection selection = Selection.ReadFormat(call.Params, call.Reader, dataIsFrame: true);
        bool includeItems = Selection.ReadIncludeItems(call.Params, call.Reader);
        call.Reader.Errors.ThrowIfAny();

        (List<ItemRecord> items, int total) = query.Apply(call.Store.ItemsById.Values);
        var samplesByItem = items.Select(i => (Item: i, Samples: call.Store.SamplesOf(i.Id))).ToList();
        data.AnchorWindow(samplesByItem.Select(x => x.Samples));
        var frame = new FrameBuilder();
        foreach ((ItemRecord item, SortedDictionary<long, double> samples) in samplesByItem)
        {
            if (data.Rollup == RollupKind.None)
            {
                frame.Add(item.Id, samples.Where(s => data.InWindow(s.Key)).ToDictionary(s => s.Key, s => (double?)s.Value));
                continue;
            }

            SortedDictionary<long, Aggregate> buckets = Aggregate.Buckets(data, samples);
            foreach (string aggregation in Aggregate.RollupNames)
            {
                frame.Add($"{item.Id}_{aggregation}", buckets.ToDictionary(b => b.Key, b => b.Value.Get(aggregation)));
            }
        }

        return selection.Write(total, frame.Build(data.Series, data.Last), includeItems ? items.Select(ResourceWriter.Write) : []);
    }

    /// <summary>
    /// <c>clarify.evaluate</c>: rolls up items under aliases, then computes each calculation's
    /// formula over those aliases (and earlier calculations) bucket by bucket.
    /// </summary>
    public static JsonNode Evaluate(RpcCall call)
    {
        ParamReader reader = call.Reader;
        JsonArray items = reader.Array(call.Params, "items", string.Empty) ?? [];
        JsonArray calculations = reader.Array(call.Params, "calculations", string.Empty) ?? [];
        DataQuery data = DataQuery.Read(call.Params, reader, rollupRequired: true);
        Selection selection = Selection.ReadFormat(call.Params, reader, dataIsFrame: true);
        bool includeItems = Selection.ReadIncludeItems(call.Params, reader);
        if (items.Count > MaxEvaluateItems)
        {
            reader.Errors.Add("items", $"at most {MaxEvaluateItems} items");
        }

        if (calculations.Count > MaxCalculations)
        {
            reader.Errors.Add("calculations", $"at most {MaxCalculations} calculations");
        }

        // clarify-go always sends groups (null when none); groups of items (1.2alpha1) are not emulated.
        if (reader.Array(call.Params, "groups", string.Empty) is { Count: > 0 })
        {
            reader.Errors.Add("groups", "the emulator does not support evaluate groups; evaluate items one by one");
        }

        var aliases = new HashSet<string>(StringComparer.Ordinal);
        var itemSeries = new List<(string Alias, ItemRecord Item, string Aggregation)>();
        for (int i = 0; i < items.Count; i++)
        {
            string at = $"items.{i}";
            JsonObject? entry = items[i] as JsonObject;
            string? id = reader.String(entry, "id", at, required: true);
            string? alias = Alias(reader, entry, at, aliases);
            // clarify-go (with 1.2alpha1) names it timeAggregation; pyclarify and 1.1 say aggregation.
            string aggregationName = entry?["aggregation"] is null && entry?["timeAggregation"] is not null ? "timeAggregation" : "aggregation";
            string aggregation = reader.String(entry, aggregationName, at, required: true) ?? "avg";
            if (!Aggregate.EvaluateNames.Contains(aggregation))
            {
                reader.Errors.Add($"{at}.{aggregationName}", "the emulator supports " + string.Join(", ", Aggregate.EvaluateNames));
            }

            if (reader.Int(entry, "lead", at, 0, int.MinValue, int.MaxValue) != 0 || reader.Int(entry, "lag", at, 0, int.MinValue, int.MaxValue) != 0)
            {
                reader.Errors.Add(at, "the emulator does not support lead or lag");
            }

            if (id is not null && !call.Store.ItemsById.ContainsKey(id))
            {
                reader.Errors.Add(at + ".id", "no item with this id");
            }
            else if (id is not null && alias is not null)
            {
                itemSeries.Add((alias, call.Store.ItemsById[id], aggregation));
            }
        }

        var formulas = new List<(string Alias, Formula Formula)>();
        for (int i = 0; i < calculations.Count; i++)
        {
            string at = $"calculations.{i}";
            JsonObject? entry = calculations[i] as JsonObject;
            string? formula = reader.String(entry, "formula", at, required: true);
            Formula? parsed = null;
            try
            {
                parsed = formula is null ? null : Formula.Parse(formula, aliases);
            }
            catch (FormatException e)
            {
                reader.Errors.Add(at + ".formula", e.Message);
            }

            if (Alias(reader, entry, at, aliases) is string alias && parsed is not null)
            {
                formulas.Add((alias, parsed));
            }
        }

        reader.Errors.ThrowIfAny();
        var samplesByAlias = itemSeries.ToDictionary(s => s.Alias, s => call.Store.SamplesOf(s.Item.Id));
        data.AnchorWindow(samplesByAlias.Values);
        var columns = new Dictionary<string, Dictionary<long, double?>>(StringComparer.Ordinal);
        foreach ((string alias, _, string aggregation) in itemSeries)
        {
            columns[alias] = Aggregate.Buckets(data, samplesByAlias[alias]).ToDictionary(b => b.Key, b => b.Value.Get(aggregation));
        }

        long[] times = columns.Values.SelectMany(c => c.Keys).Distinct().ToArray();
        foreach ((string alias, Formula formula) in formulas)
        {
            columns[alias] = times.ToDictionary(t => t, t => formula.Evaluate(columns.ToDictionary(c => c.Key, c => c.Value.GetValueOrDefault(t))));
        }

        var frame = new FrameBuilder();
        foreach ((string alias, Dictionary<long, double?> column) in columns)
        {
            frame.Add(alias, column);
        }

        IEnumerable<JsonObject> included = includeItems ? itemSeries.Select(s => s.Item).Distinct().Select(ResourceWriter.Write) : [];
        return selection.Write(-1, frame.Build(data.Series, data.Last), included);
    }

    private static string? Alias(ParamReader reader, JsonObject? entry, string at, HashSet<string> aliases)
    {
        string? alias = reader.String(entry, "alias", at, required: true);
        if (alias is null)
        {
            return null;
        }

        if (!AliasPattern().IsMatch(alias))
        {
            reader.Errors.Add(at + ".alias", "must match ^[A-Za-z_][A-Za-z0-9_]{0,27}$");
            return null;
        }

        if (!aliases.Add(alias))
        {
            reader.Errors.Add(at + ".alias", $"alias '{alias}' is used twice");
            return null;
        }

        return alias;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,27}$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();
}
