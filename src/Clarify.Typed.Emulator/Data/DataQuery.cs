using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Clarify.Typed.Emulator.Rpc;

namespace Clarify.Typed.Emulator.Data;

/// <summary>How samples are grouped: not at all, one bucket for the whole window, or fixed-width buckets.</summary>
internal enum RollupKind
{
    None,
    Window,
    Fixed,
}

/// <summary>A parsed <c>DataQuery</c>: time filter, series filter, rollup and <c>last</c>.</summary>
internal sealed class DataQuery
{
    private const long MicrosecondsPerDay = 86_400_000_000L;

    // 1969-12-29 was a Monday: week buckets start on firstDayOfWeek (1 = Monday ... 7 = Sunday).
    private const long FirstMonday = -3 * MicrosecondsPerDay;

    private long _windowStart;

    public long? From { get; private init; }

    public long? To { get; private init; }

    public HashSet<string>? Series { get; private init; }

    public RollupKind Rollup { get; private init; }

    public long BucketWidth { get; private init; }

    public long Origin { get; private init; }

    public int Last { get; private init; }

    public static DataQuery Read(JsonObject parameters, ParamReader reader, bool rollupRequired)
    {
        JsonObject? data = reader.Object(parameters, "data", string.Empty);
        JsonObject? filter = reader.Object(data, "filter", "data");
        JsonObject? times = reader.Object(filter, "times", "data.filter");
        long? from = Time(reader, times, "$gte", "data.filter.times");
        long? to = Time(reader, times, "$lt", "data.filter.times");
        if (from is not null && to is not null && from > to)
        {
            reader.Errors.Add("data.filter.times", "$gte must not be after $lt");
        }

        HashSet<string>? series = null;
        JsonObject? seriesFilter = reader.Object(filter, "series", "data.filter");
        if (seriesFilter is not null)
        {
            series = [.. reader.Strings(seriesFilter, "$in", "data.filter.series")];
        }

        (RollupKind kind, long width) = ReadRollup(reader, data, rollupRequired);
        string? timeZone = reader.String(data, "timeZone", "data");
        if (timeZone is not (null or "UTC" or "Etc/UTC"))
        {
            reader.Errors.Add("data.timeZone", "the emulator supports only UTC");
        }

        int firstDayOfWeek = reader.Int(data, "firstDayOfWeek", "data", 1, 1, 7);
        long origin = Time(reader, data, "origin", "data")
            ?? (width > 0 && width % (7 * MicrosecondsPerDay) == 0 ? FirstMonday + ((firstDayOfWeek - 1) * MicrosecondsPerDay) : 0);
        int last = reader.Int(data, "last", "data", -1, -1, int.MaxValue);

        var query = new DataQuery { From = from, To = to, Series = series, Rollup = kind, BucketWidth = width, Origin = origin, Last = last };
        query.CheckWindow(reader);
        return query;
    }

    /// <summary>The start of the bucket <paramref name="time"/> falls in.</summary>
    public long BucketOf(long time) => Rollup switch
    {
        RollupKind.Fixed => Origin + (FloorDivide(time - Origin, BucketWidth) * BucketWidth),
        RollupKind.Window => From ?? _windowStart,
        _ => time,
    };

    /// <summary>A <c>"window"</c> rollup without <c>$gte</c> puts its one bucket at the first selected sample.</summary>
    public void AnchorWindow(IEnumerable<SortedDictionary<long, double>> samples)
    {
        if (Rollup == RollupKind.Window && From is null)
        {
            _windowStart = samples.SelectMany(s => s.Keys.Where(InWindow).Take(1)).DefaultIfEmpty(0).Min();
        }
    }

    private static long FloorDivide(long a, long b) => (a / b) - ((a % b) < 0 ? 1 : 0);

    public bool InWindow(long time) => (From is null || time >= From) && (To is null || time < To);

    private static (RollupKind Kind, long Width) ReadRollup(ParamReader reader, JsonObject? data, bool required)
    {
        string? rollup = reader.String(data, "rollup", "data", required);
        if (rollup is null)
        {
            return (RollupKind.None, 0);
        }

        if (rollup == "window")
        {
            return (RollupKind.Window, 0);
        }

        if (!IsoDuration.TryParse(rollup, out IsoDuration duration) || duration.Fixed <= TimeSpan.Zero)
        {
            reader.Errors.Add("data.rollup", "must be \"window\" or a positive ISO 8601 duration such as PT1M, PT1H or P1D");
            return (RollupKind.None, 0);
        }

        if (duration.IsCalendar)
        {
            reader.Errors.Add("data.rollup", "the emulator does not support month or year rollups; use days or weeks");
            return (RollupKind.None, 0);
        }

        return (RollupKind.Fixed, duration.Fixed.Ticks / 10);
    }

    /// <summary>Clarify's limit on the time window, which grows with the rollup width.</summary>
    private void CheckWindow(ParamReader reader)
    {
        if (From is null || To is null || Rollup == RollupKind.Window)
        {
            return;
        }

        long minute = 60_000_000L;
        int maxDays = BucketWidth switch
        {
            _ when BucketWidth < minute => 40,
            _ when BucketWidth < MicrosecondsPerDay => 400,
            _ when BucketWidth < 30 * MicrosecondsPerDay => 1900,
            _ => 3660,
        };
        if (To - From > maxDays * MicrosecondsPerDay)
        {
            reader.Errors.Add("data.filter.times", $"the time window may be at most {maxDays} days for this rollup");
        }
    }

    private static long? Time(ParamReader reader, JsonObject? parent, string name, string path)
    {
        string? text = reader.String(parent, name, path);
        if (text is null)
        {
            return null;
        }

        if (!Timestamps.TryParse(text, out long time))
        {
            reader.Errors.Add(ParamReader.Join(path, name), "must be an RFC 3339 timestamp");
            return null;
        }

        return time;
    }
}
