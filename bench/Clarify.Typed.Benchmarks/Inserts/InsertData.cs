using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Clarify.Typed.Models;

namespace Clarify.Typed.Benchmarks.Inserts;

/// <summary>
/// A plant's worth of samples: 10 series of one value a second, sensor-like (three decimals,
/// a gap now and then), held both as plain arrays (what a hand-written writer loops over) and
/// as the library's <see cref="DataFrame"/> built from them.
/// </summary>
internal sealed class InsertData
{
    public const int Series = 10;

    public InsertData(int timestamps)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Times = [.. Enumerable.Range(0, timestamps).Select(i => start.AddSeconds(i).AddMilliseconds(i % 4 * 250))];
        Keys = [.. Enumerable.Range(0, Series).Select(s => string.Create(CultureInfo.InvariantCulture, $"plant-a.line-{s}.temperature"))];
        Values = [.. Enumerable.Range(0, Series).Select(s => Enumerable.Range(0, timestamps).Select(i => Sample(s, i)).ToArray())];
        Frame = new DataFrame(Times, Keys.Zip(Values).ToDictionary(p => p.First, p => (IReadOnlyList<double?>)p.Second, StringComparer.Ordinal));
    }

    public DateTimeOffset[] Times { get; }

    public string[] Keys { get; }

    public double?[][] Values { get; }

    public DataFrame Frame { get; }

    public int Points => Times.Length * Series;

    private static double? Sample(int series, int i) =>
        i % 97 == series ? null : Math.Round(20 + (series * 3) + (5 * Math.Sin(i / 600.0)) + (i % 7 * 0.013), 3);
}
