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
        // Each point's row is found once: truncating to the microsecond and hashing is the per-point cost.
        var rowsByTime = new Dictionary<long, int>();
        var times = new List<DateTimeOffset>();
        int[] rowOfPoint = new int[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            DateTimeOffset time = ClarifyTime.ToMicroseconds(points[i].Time);
            if (!rowsByTime.TryGetValue(time.UtcTicks, out int row))
            {
                row = times.Count;
                rowsByTime.Add(time.UtcTicks, row);
                times.Add(time);
            }

            rowOfPoint[i] = row;
        }

        var series = new Dictionary<string, double?[]>(StringComparer.Ordinal);
        for (int i = 0; i < points.Count; i++)
        {
            WritePoint point = points[i];
            if (!series.TryGetValue(point.InputKey, out double?[]? values))
            {
                series[point.InputKey] = values = new double?[times.Count];
            }

            values[rowOfPoint[i]] = point.Value is double v && double.IsNaN(v) ? null : point.Value;
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
