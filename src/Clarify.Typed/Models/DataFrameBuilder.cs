using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Clarify.Typed.Models;

/// <summary>
/// Builds a <see cref="DataFrame"/> row by row. A key first seen in a later row is a gap in the
/// earlier rows; a key missing from a row is a gap in that row. Mistakes fail at once with
/// <see cref="ClarifyDataFrameException"/>.
/// </summary>
public sealed class DataFrameBuilder
{
    private readonly List<DateTimeOffset> _times = [];
    private readonly Dictionary<string, List<double?>> _series = new(StringComparer.Ordinal);
    private readonly HashSet<long> _seenTicks = [];

    /// <summary>Adds one row.</summary>
    /// <param name="time">The row's timestamp; kept to the microsecond and unique.</param>
    /// <param name="values">The row's values by input key; NaN becomes <c>null</c>.</param>
    /// <exception cref="ClarifyDataFrameException">The timestamp repeats, a key is invalid or a value is infinite.</exception>
    public DataFrameBuilder AddRow(DateTimeOffset time, params IEnumerable<KeyValuePair<string, double?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        DateTimeOffset micro = ClarifyTime.ToMicroseconds(time);
        var problems = new List<string>();
        if (_seenTicks.Contains(micro.UtcTicks))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"timestamp {ClarifyTime.ToText(micro)} was already added (Clarify keeps microseconds): put all of its values in one row."));
        }

        KeyValuePair<string, double?>[] row = values.ToArray();
        foreach (KeyValuePair<string, double?> value in row)
        {
            DataFrame.CheckInputKey(value.Key, problems);
            double?[] one = [value.Value];
            DataFrame.CheckValues(value.Key, one, problems);
        }

        foreach (IGrouping<string, KeyValuePair<string, double?>> repeated in row.GroupBy(v => v.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"input key \"{repeated.Key}\" appears more than once in the row at {ClarifyTime.ToText(micro)}.");
        }

        DataFrame.ThrowIfAny(problems);
        _seenTicks.Add(micro.UtcTicks);
        _times.Add(micro);
        foreach (List<double?> column in _series.Values)
        {
            column.Add(null);
        }

        foreach (KeyValuePair<string, double?> value in row)
        {
            if (!_series.TryGetValue(value.Key, out List<double?>? column))
            {
                _series[value.Key] = column = Enumerable.Repeat<double?>(null, _times.Count).ToList();
            }

            column[^1] = value.Value is double v && double.IsNaN(v) ? null : value.Value;
        }

        return this;
    }

    /// <summary>Adds one row holding a single value.</summary>
    public DataFrameBuilder AddRow(DateTimeOffset time, string inputKey, double? value) =>
        AddRow(time, [new KeyValuePair<string, double?>(inputKey, value)]);

    /// <summary>The rows added so far.</summary>
    public int RowCount => _times.Count;

    /// <summary>Creates the frame.</summary>
    public DataFrame Build() =>
        new(_times.ToArray(), _series.ToDictionary(s => s.Key, s => s.Value.ToArray(), StringComparer.Ordinal));
}
