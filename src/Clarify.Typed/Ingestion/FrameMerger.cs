using System;
using System.Collections.Generic;
using Clarify.Typed.Models;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// Turns points into one data frame: a row per distinct timestamp (to the microsecond, as Clarify
/// keeps it), a series per input key, and for the same input key and timestamp the last write
/// wins, as in Clarify. A key without a point at a row's time has a gap (null) there.
/// </summary>
internal static class FrameMerger
{
    public static DataFrame Merge(IReadOnlyList<WritePoint> points)
    {
        var rowsByTime = new Dictionary<long, int>();
        var times = new List<DateTimeOffset>();
        foreach (WritePoint point in points)
        {
            DateTimeOffset time = ClarifyTime.ToMicroseconds(point.Time);
            if (rowsByTime.TryAdd(time.UtcTicks, times.Count))
            {
                times.Add(time);
            }
        }

        var series = new Dictionary<string, double?[]>(StringComparer.Ordinal);
        foreach (WritePoint point in points)
        {
            if (!series.TryGetValue(point.InputKey, out double?[]? values))
            {
                series[point.InputKey] = values = new double?[times.Count];
            }

            double? value = point.Value is double v && double.IsNaN(v) ? null : point.Value;
            values[rowsByTime[ClarifyTime.ToMicroseconds(point.Time).UtcTicks]] = value;
        }

        return new DataFrame(times.ToArray(), series);
    }

    /// <summary>The points of a frame, series by series; gaps are not points (a frame's null never overwrites a value).</summary>
    public static WritePoint[] Points(DataFrame frame)
    {
        var points = new List<WritePoint>();
        IReadOnlyList<DateTimeOffset> times = frame.Times;
        foreach (KeyValuePair<string, double?[]> column in frame.Columns)
        {
            for (int row = 0; row < column.Value.Length; row++)
            {
                if (column.Value[row] is double value)
                {
                    points.Add(new WritePoint(column.Key, times[row], value));
                }
            }
        }

        return points.ToArray();
    }

    /// <summary>Throws <see cref="ClarifyDataFrameException"/> for an invalid input key or an infinite value, which Clarify would refuse.</summary>
    public static void Check(ReadOnlySpan<WritePoint> points)
    {
        List<string>? problems = null;
        foreach (WritePoint point in points)
        {
            if (!DataFrame.IsValidInputKey(point.InputKey))
            {
                DataFrame.CheckInputKey(point.InputKey ?? string.Empty, problems ??= []);
            }

            if (point.Value is double value && double.IsInfinity(value))
            {
                DataFrame.CheckValues(point.InputKey ?? string.Empty, [value], problems ??= []);
            }
        }

        if (problems is not null)
        {
            DataFrame.ThrowIfAny(problems);
        }
    }
}
