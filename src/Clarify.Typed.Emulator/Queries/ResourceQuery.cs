using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Clarify.Typed.Emulator.Data;
using Clarify.Typed.Emulator.Rpc;
using Clarify.Typed.Emulator.Store;

namespace Clarify.Typed.Emulator.Queries;

/// <summary>A parsed <c>ResourceQuery</c>: filter, sort, limit, skip and total.</summary>
internal sealed class ResourceQuery
{
    private readonly Func<JsonObject, bool> _filter;
    private readonly List<string> _sort;

    private ResourceQuery(Func<JsonObject, bool> filter, List<string> sort, int limit, int skip, bool total)
    {
        _filter = filter;
        _sort = sort;
        Limit = limit;
        Skip = skip;
        Total = total;
    }

    public int Limit { get; }

    public int Skip { get; }

    public bool Total { get; }

    /// <summary>Reads <c>params.query</c>; the limits are 20/1000 for selections and 10/50 for data frames.</summary>
    public static ResourceQuery Read(JsonObject parameters, ParamReader reader, int defaultLimit, int maxLimit)
    {
        JsonObject? query = reader.Object(parameters, "query", string.Empty);
        Func<JsonObject, bool> filter = ResourceFilter.Compile(query?["filter"], "query.filter", reader);
        List<string> sort = reader.Strings(query, "sort", "query");
        int limit = reader.Int(query, "limit", "query", defaultLimit, 0, maxLimit);
        int skip = reader.Int(query, "skip", "query", 0, 0, int.MaxValue);
        bool total = reader.Bool(query, "total", "query", fallback: false);
        return new ResourceQuery(filter, sort, limit, skip, total);
    }

    /// <summary>Filters and sorts every record, then takes one page; <c>total</c> is -1 unless asked for.</summary>
    public (List<T> Page, int Total) Apply<T>(IEnumerable<T> records)
        where T : ResourceRecord
    {
        List<(T Record, JsonObject View)> matching = records
            .Select(r => (Record: r, View: View(r)))
            .Where(x => _filter(x.View))
            .ToList();
        matching.Sort((x, y) => CompareViews(x.View, y.View));
        List<T> page = matching.Skip(Skip).Take(Limit).Select(x => x.Record).ToList();
        return (page, Total ? matching.Count : -1);
    }

    /// <summary>What filters and sort keys see: <c>id</c>, every attribute, <c>annotations</c>, <c>createdAt</c>, <c>updatedAt</c>.</summary>
    public static JsonObject View(ResourceRecord record)
    {
        var view = (JsonObject)record.Attributes.DeepClone();
        view["id"] = record.Id;
        view["annotations"] = record.Annotations.DeepClone();
        view["createdAt"] = Timestamps.Format(record.CreatedAt);
        view["updatedAt"] = Timestamps.Format(record.UpdatedAt);
        if (record is SignalRecord signal)
        {
            view["input"] = signal.Input;
            view["item"] = signal.ItemId;
        }

        return view;
    }

    private int CompareViews(JsonObject x, JsonObject y)
    {
        foreach (string key in _sort)
        {
            bool descending = key.StartsWith('-');
            string path = key.TrimStart('-', '+');
            int order = CompareValues(ResourceFilter.Resolve(x, path), ResourceFilter.Resolve(y, path));
            if (order != 0)
            {
                return descending ? -order : order;
            }
        }

        // Ids grow with creation, so unsorted selections come back in creation order.
        return string.CompareOrdinal(x["id"]!.GetValue<string>(), y["id"]!.GetValue<string>());
    }

    private static int CompareValues(JsonNode? a, JsonNode? b)
    {
        if (ResourceFilter.Order(a, b) is int order)
        {
            return order;
        }

        // Missing values first, then by JSON text so the order is at least total and stable.
        if (a is null || b is null)
        {
            return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        }

        return string.CompareOrdinal(a.ToJsonString(), b.ToJsonString());
    }
}
