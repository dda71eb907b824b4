using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Serialization;
using Clarify.Typed.Signals;

namespace Clarify.Typed.Models;

/// <summary>
/// Clarify's data frame: a column of timestamps and, per input key (or item id in query
/// results), a series of values as long as the timestamps. <c>null</c> is a gap. Timestamps
/// are kept to the microsecond, as Clarify stores them.
/// </summary>
[JsonConverter(typeof(DataFrameJsonConverter))]
public sealed class DataFrame
{
    /// <summary>The most series values <see cref="ClarifyDataFrameException"/> lists before summarising.</summary>
    private const int MaxProblemsListed = 10;

    private readonly DateTimeOffset[] _times;
    private readonly Dictionary<string, double?[]> _series;

    /// <summary>Creates and validates a data frame from columns.</summary>
    /// <param name="times">The timestamps; no two equal to the microsecond.</param>
    /// <param name="series">Values per input key, each as long as <paramref name="times"/>. NaN becomes <c>null</c>.</param>
    /// <exception cref="ClarifyDataFrameException">A series has the wrong length or an infinite value, an input key is invalid, or a timestamp repeats.</exception>
    public DataFrame(IEnumerable<DateTimeOffset> times, IReadOnlyDictionary<string, IReadOnlyList<double?>> series)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(series);
        _times = times.Select(ClarifyTime.ToMicroseconds).ToArray();
        _series = new Dictionary<string, double?[]>(StringComparer.Ordinal);
        var problems = new List<string>();
        CheckDuplicateTimes(_times, problems);
        foreach (KeyValuePair<string, IReadOnlyList<double?>> column in series)
        {
            CheckInputKey(column.Key, problems);
            double?[] values = column.Value?.ToArray() ?? [];
            if (values.Length != _times.Length)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"series \"{column.Key}\" has {values.Length} values but there are {_times.Length} timestamps: every series needs exactly one value (or null) per timestamp."));
            }

            CheckValues(column.Key, values, problems);
            _series[column.Key] = values;
        }

        ThrowIfAny(problems);
    }

    /// <summary>Wraps columns already known to be valid (from the server or a slice).</summary>
    internal DataFrame(DateTimeOffset[] times, Dictionary<string, double?[]> series)
    {
        _times = times;
        _series = series;
    }

    /// <summary>A frame with no rows and no series.</summary>
    public static DataFrame Empty { get; } = new([], new Dictionary<string, double?[]>(StringComparer.Ordinal));

    /// <summary>The timestamps, one per row.</summary>
    public IReadOnlyList<DateTimeOffset> Times => _times;

    /// <summary>The series by input key (or item id in query results).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double?>> Series =>
        _series.ToDictionary(s => s.Key, s => (IReadOnlyList<double?>)s.Value, StringComparer.Ordinal);

    /// <summary>The input keys of the series, in insertion order.</summary>
    public IReadOnlyCollection<string> Keys => _series.Keys;

    /// <summary>The number of rows (timestamps).</summary>
    public int RowCount => _times.Length;

    internal Dictionary<string, double?[]> Columns => _series;

    /// <summary>Starts a frame built row by row.</summary>
    public static DataFrameBuilder CreateBuilder() => new();

    /// <summary>The values of one series, or null when the frame has no such series.</summary>
    public IReadOnlyList<double?>? this[string inputKey] => _series.TryGetValue(inputKey, out double?[]? values) ? values : null;

    /// <summary>The rows from <paramref name="start"/>, <paramref name="count"/> of them, with every series.</summary>
    internal DataFrame Slice(int start, int count) =>
        new(_times.AsSpan(start, count).ToArray(), _series.ToDictionary(s => s.Key, s => s.Value.AsSpan(start, count).ToArray(), StringComparer.Ordinal));

    /// <summary>Puts frames of consecutive windows after one another; series missing from a window are gaps there.</summary>
    internal static DataFrame Concatenate(IReadOnlyList<DataFrame> frames)
    {
        int rows = frames.Sum(f => f.RowCount);
        var times = new DateTimeOffset[rows];
        var series = new Dictionary<string, double?[]>(StringComparer.Ordinal);
        int offset = 0;
        foreach (DataFrame frame in frames)
        {
            frame._times.CopyTo(times, offset);
            foreach (KeyValuePair<string, double?[]> column in frame._series)
            {
                if (!series.TryGetValue(column.Key, out double?[]? values))
                {
                    series[column.Key] = values = new double?[rows];
                }

                column.Value.CopyTo(values, offset);
            }

            offset += frame.RowCount;
        }

        return new DataFrame(times, series);
    }

    /// <summary>
    /// Reads every row into a <see cref="ClarifySignalsAttribute"/> reading, matching series to
    /// signal properties by input key. A series missing from the frame is a gap in every row.
    /// </summary>
    /// <typeparam name="TReading">The reading type, whose <see cref="IClarifySignals{TSelf}"/> the generator implements.</typeparam>
    /// <param name="seriesKeyByInputKey">
    /// The frame's series key per input key when they differ, e.g. the item ids of a
    /// <c>DataFrameAsync</c> result; an input key missing from it is looked up as it is.
    /// </param>
    /// <exception cref="ClarifyDataFrameException">A series has a gap where a non-nullable property needs a value.</exception>
    public IEnumerable<(DateTimeOffset Time, TReading Reading)> ReadRows<TReading>(IReadOnlyDictionary<string, string>? seriesKeyByInputKey = null)
        where TReading : IClarifySignals<TReading>
    {
        IReadOnlyList<string> keys = TReading.SignalInputKeys;
        var columns = new double?[]?[keys.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            string seriesKey = seriesKeyByInputKey is not null && seriesKeyByInputKey.TryGetValue(keys[i], out string? mapped) ? mapped : keys[i];
            columns[i] = _series.GetValueOrDefault(seriesKey);
        }

        return ReadColumns<TReading>(columns);
    }

    private IEnumerable<(DateTimeOffset Time, TReading Reading)> ReadColumns<TReading>(double?[]?[] columns)
        where TReading : IClarifySignals<TReading>
    {
        var values = new double?[columns.Length];
        for (int row = 0; row < _times.Length; row++)
        {
            for (int i = 0; i < columns.Length; i++)
            {
                values[i] = columns[i]?[row];
            }

            yield return (_times[row], TReading.ReadSignalValues(_times[row], values));
        }
    }

    /// <summary>Whether an input key matches <c>^[a-zA-Z0-9-_:.#+/]{1,128}$</c>.</summary>
    public static bool IsValidInputKey(string? inputKey) => SignalKeyRules.IsValidInputKey(inputKey);

    internal static void CheckInputKey(string key, List<string> problems)
    {
        if (!IsValidInputKey(key))
        {
            problems.Add($"input key \"{key}\" is invalid: {SignalKeyRules.InputKeyAdvice}.");
        }
    }

    internal static void CheckDuplicateTimes(IReadOnlyList<DateTimeOffset> times, List<string> problems)
    {
        var seen = new HashSet<long>();
        for (int row = 0; row < times.Count; row++)
        {
            if (!seen.Add(times[row].UtcTicks))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"timestamp {ClarifyTime.ToText(times[row])} (row {row}) appears more than once (Clarify keeps microseconds): merge the rows or drop one."));
            }
        }
    }

    internal static void CheckValues(string key, double?[] values, List<string> problems)
    {
        int listed = 0;
        for (int row = 0; row < values.Length; row++)
        {
            double? value = values[row];
            if (value is double v && double.IsNaN(v))
            {
                values[row] = null;
            }
            else if (value is double infinite && double.IsInfinity(infinite) && listed++ < MaxProblemsListed)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"series \"{key}\" row {row} is {(infinite > 0 ? "+" : "-")}Infinity, which Clarify rejects: send null for a gap or a finite number."));
            }
        }
    }

    internal static void ThrowIfAny(List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new ClarifyDataFrameException(problems);
        }
    }
}
