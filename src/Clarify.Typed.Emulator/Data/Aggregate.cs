using System;
using System.Collections.Generic;

namespace Clarify.Typed.Emulator.Data;

/// <summary>The running statistics of one bucket of samples.</summary>
internal struct Aggregate
{
    public int Count;
    public double Sum;
    public double Min;
    public double Max;
    public double First;
    public double Last;

    public void Add(double value)
    {
        if (Count == 0)
        {
            Min = Max = First = value;
        }
        else
        {
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
        }

        Last = value;
        Sum += value;
        Count++;
    }

    /// <summary>The value of aggregation <paramref name="name"/>; an empty bucket counts 0 and has no other value.</summary>
    public readonly double? Get(string name) => name switch
    {
        "count" => Count,
        _ when Count == 0 => null,
        "sum" => Sum,
        "avg" => Sum / Count,
        "min" => Min,
        "max" => Max,
        "first" => First,
        "last" => Last,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown aggregation"),
    };

    /// <summary>The aggregations the emulator computes, in the order Clarify lists rolled-up series.</summary>
    public static IReadOnlyList<string> RollupNames { get; } = ["sum", "avg", "min", "max", "count"];

    public static IReadOnlyList<string> EvaluateNames { get; } = ["count", "min", "max", "sum", "avg", "first", "last"];

    /// <summary>Groups samples inside the query's window into the query's buckets.</summary>
    public static SortedDictionary<long, Aggregate> Buckets(DataQuery query, SortedDictionary<long, double> samples)
    {
        var buckets = new SortedDictionary<long, Aggregate>();
        foreach ((long time, double value) in samples)
        {
            if (!query.InWindow(time))
            {
                continue;
            }

            long bucket = query.BucketOf(time);
            buckets.TryGetValue(bucket, out Aggregate aggregate);
            aggregate.Add(value);
            buckets[bucket] = aggregate;
        }

        return buckets;
    }
}
