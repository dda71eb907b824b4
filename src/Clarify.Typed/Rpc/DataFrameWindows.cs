using System;
using System.Collections.Generic;
using System.Linq;
using Clarify.Typed.Models;

namespace Clarify.Typed.Rpc;

/// <summary>
/// The longest time range one <c>clarify.dataFrame</c> call may ask for, by rollup, the split
/// of a longer range into consecutive windows <c>[from, to)</c> with no gap and no overlap, and
/// the stitching of the windows' answers back into one selection.
/// </summary>
internal static class DataFrameWindows
{
    /// <summary>The longest range for a rollup, or null when unlimited (<see cref="Rollup.Window"/>).</summary>
    public static TimeSpan? MaxRange(Rollup? rollup)
    {
        if (rollup is { IsWindow: true })
        {
            return null;
        }

        TimeSpan bucket = rollup?.Duration ?? TimeSpan.Zero;
        return bucket switch
        {
            _ when bucket >= TimeSpan.FromDays(30) => TimeSpan.FromDays(3660),
            _ when bucket >= TimeSpan.FromHours(24) => TimeSpan.FromDays(1900),
            _ when bucket >= TimeSpan.FromMinutes(1) => TimeSpan.FromDays(400),
            _ => TimeSpan.FromDays(40),
        };
    }

    /// <summary>
    /// Splits <c>[from, to)</c>. Windows are a whole number of buckets long when the rollup is a
    /// fixed duration, so buckets that start at <paramref name="from"/> never straddle two windows.
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Split(DateTimeOffset from, DateTimeOffset to, Rollup? rollup)
    {
        if (from >= to)
        {
            throw new ArgumentException("The time range is empty: from must be before to.", nameof(to));
        }

        var windows = new List<(DateTimeOffset, DateTimeOffset)>();
        TimeSpan? max = MaxRange(rollup);
        if (max is not TimeSpan range)
        {
            windows.Add((from, to));
            return windows;
        }

        if (rollup?.Duration is TimeSpan bucket && bucket > TimeSpan.Zero)
        {
            range = TimeSpan.FromTicks(range.Ticks / bucket.Ticks * bucket.Ticks);
        }

        for (DateTimeOffset start = from; start < to;)
        {
            DateTimeOffset end = to - start <= range ? to : start + range;
            windows.Add((start, end));
            start = end;
        }

        return windows;
    }

    /// <summary>One selection of the windows' frames in order, their included items once each.</summary>
    public static Selection<DataFrame> Stitch(List<Selection<DataFrame>> selections)
    {
        var items = new List<Resource<ItemAttributes>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Resource<ItemAttributes> item in selections.SelectMany(s => s.Included?.Items ?? []))
        {
            if (seen.Add(item.Id))
            {
                items.Add(item);
            }
        }

        return new Selection<DataFrame>
        {
            Meta = selections[0].Meta,
            Data = DataFrame.Concatenate(selections.Select(s => s.Data ?? DataFrame.Empty).ToList()),
            Included = selections.Any(s => s.Included is not null) ? new IncludedResources { Items = items } : null,
        };
    }
}
