using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Clarify.Typed.Signals;

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

    // The last reading type added: its input keys, a buffer its values are copied into when a row
    // needs them as a whole and, once a row of it is in, its columns in input key order. A typed row
    // then hashes only its timestamp and appends straight into the columns, as hand-written column
    // code does, and allocates nothing.
    private IReadOnlyList<string>? _typedKeys;
    private double?[] _typedValues = [];
    private List<double?>[]? _typedColumns;

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

    /// <summary>
    /// Adds one row with every signal property of a <see cref="ClarifySignalsAttribute"/> reading
    /// (a null property is a gap). Generated code copies the values: no reflection, and nothing
    /// is allocated per row beyond the columns' own growth.
    /// </summary>
    /// <typeparam name="TReading">The reading type, whose <see cref="IClarifySignals{TSelf}"/> the generator implements.</typeparam>
    /// <param name="time">The row's timestamp; kept to the microsecond and unique.</param>
    /// <param name="reading">The reading.</param>
    /// <exception cref="ClarifyDataFrameException">The timestamp repeats or a value is infinite; nothing is added.</exception>
    public DataFrameBuilder AddRow<TReading>(DateTimeOffset time, TReading reading)
        where TReading : IClarifySignals<TReading>
    {
        ArgumentNullException.ThrowIfNull(reading);
        IReadOnlyList<string> keys = TReading.SignalInputKeys;
        if (!ReferenceEquals(keys, _typedKeys))
        {
            UseReadingType(keys);
        }

        DateTimeOffset micro = ClarifyTime.ToMicroseconds(time);
        List<double?>[]? columns = _typedColumns;
        if (columns is not null && _series.Count == columns.Length)
        {
            // The common row: one hash and one call that refuses infinity before its first append, as
            // hand-written column code does. A refused row gives its timestamp back: it adds nothing.
            if (!_seenTicks.Add(micro.UtcTicks))
            {
                ThrowTypedRowProblems(micro, keys, reading);
            }

            if (!TReading.TryAppendSignalValues(reading, columns))
            {
                _seenTicks.Remove(micro.UtcTicks);
                ThrowTypedRowProblems(micro, keys, reading);
            }

            _times.Add(micro);
            return this;
        }

        // The type's first row, or other series exist that each need a gap: through the value buffer.
        double?[] values = _typedValues;
        TReading.WriteSignalValues(reading, values);
        // Infinity first: once the timestamp is in the set the row must go in.
        if (HasInfinity(values) || !_seenTicks.Add(micro.UtcTicks))
        {
            ThrowTypedRowProblems(micro, keys, reading);
        }

        // Created at the type's first row that goes in, so a refused first row leaves no empty series behind.
        columns = _typedColumns ??= ColumnsFor(keys);
        _times.Add(micro);
        foreach (List<double?> column in _series.Values)
        {
            column.Add(null);
        }

        for (int i = 0; i < columns.Length; i++)
        {
            columns[i][^1] = ClarifySignalValues.GapIfNaN(values[i]);
        }

        return this;
    }

    private static bool HasInfinity(ReadOnlySpan<double?> values)
    {
        foreach (double? value in values)
        {
            if (ClarifySignalValues.IsInfinite(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds one row holding a single value.</summary>
    public DataFrameBuilder AddRow(DateTimeOffset time, string inputKey, double? value) =>
        AddRow(time, [new KeyValuePair<string, double?>(inputKey, value)]);

    private void ThrowTypedRowProblems<TReading>(DateTimeOffset micro, IReadOnlyList<string> keys, TReading reading)
        where TReading : IClarifySignals<TReading>
    {
        double?[] values = _typedValues;
        TReading.WriteSignalValues(reading, values);
        var row = new KeyValuePair<string, double?>[keys.Count];
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = new(keys[i], values[i]);
        }

        // The general path finds and words every problem; it throws before changing anything.
        AddRow(micro, row);
    }

    private void UseReadingType(IReadOnlyList<string> keys)
    {
        _typedKeys = keys;
        _typedValues = new double?[keys.Count];
        _typedColumns = null;
    }

    private List<double?>[] ColumnsFor(IReadOnlyList<string> keys)
    {
        var columns = new List<double?>[keys.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            if (!_series.TryGetValue(keys[i], out List<double?>? column))
            {
                _series[keys[i]] = column = Enumerable.Repeat<double?>(null, _times.Count).ToList();
            }

            columns[i] = column;
        }

        return columns;
    }

    /// <summary>The rows added so far.</summary>
    public int RowCount => _times.Count;

    /// <summary>Creates the frame.</summary>
    public DataFrame Build() =>
        new(_times.ToArray(), _series.ToDictionary(s => s.Key, s => s.Value.ToArray(), StringComparer.Ordinal));
}
