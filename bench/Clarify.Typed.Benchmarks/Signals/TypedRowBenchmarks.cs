using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using Perfolizer.Metrology;
using Clarify.Typed.Models;
using Clarify.Typed.Signals;

namespace Clarify.Typed.Benchmarks.Signals;

/// <summary>
/// Appending <see cref="Readings"/> readings of a 10-property <c>[ClarifySignals]</c> record. The
/// baseline is hand-written code filling the same columns the builder keeps (a
/// <c>List&lt;double?&gt;</c> per signal, the times, the set of seen timestamps) with the same checks
/// (microsecond truncation, unique timestamps, NaN as a gap, no infinity): its allocations are
/// the column storage itself, so the generated writer's bytes beyond it are its cost per reading.
/// The by-key <see cref="DataFrameBuilder.AddRow(DateTimeOffset, IEnumerable{KeyValuePair{string, double?}})"/>
/// shows what the same rows cost without the generator.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ExactBytes))]
public class TypedRowBenchmarks
{
    private const int Signals = 10;

    private static readonly IReadOnlyList<string> InputKeys = InputKeysOf<MeterReading>();

    private DateTimeOffset[] _times = [];
    private MeterReading[] _readings = [];

    [Params(1_000_000)]
    public int Readings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _times = [.. Enumerable.Range(0, Readings).Select(i => start.AddSeconds(i))];
        _readings = [.. Enumerable.Range(0, Readings).Select(i => new MeterReading(
            60 + (i % 1000 * 0.01), 4 + (i % 13 * 0.1), i % 97, i % 100, i % 10 == 0 ? null : -5 + (i % 30), i % 3 == 0 ? null : 70,
            i % 4, i, i % 50 == 0, (PumpState)(i % 3)))];

        // The three must build the same frame, or the comparison is of different work.
        DataFrame generated = FillGenerated().Build();
        DataFrame byKey = FillByKey().Build();
        HandWrittenColumns hand = HandWrittenColumns.Fill(_times, _readings);
        foreach (string key in InputKeys)
        {
            if (!generated[key]!.SequenceEqual(byKey[key]!) || !generated[key]!.SequenceEqual(hand.Column(key)))
            {
                throw new InvalidOperationException($"The benchmarks disagree on series {key}.");
            }
        }

        if (!generated.Times.SequenceEqual(hand.Times))
        {
            throw new InvalidOperationException("The benchmarks disagree on the times.");
        }
    }

    [Benchmark(Baseline = true, Description = "Hand-written: fill the columns")]
    public int HandWritten() => HandWrittenColumns.Fill(_times, _readings).Times.Count;

    [Benchmark(Description = "Generated: builder.AddRow(time, reading)")]
    public int Generated() => FillGenerated().RowCount;

    [Benchmark(Description = "By key: builder.AddRow(time, pairs)")]
    public int ByKey() => FillByKey().RowCount;

    private static IReadOnlyList<string> InputKeysOf<TReading>()
        where TReading : IClarifySignals<TReading> => TReading.SignalInputKeys;

    // Each loop calls its path directly, as the hand-written one does: a delegate per row would be
    // a cost of the harness charged to the library's paths only.
    private DataFrameBuilder FillGenerated()
    {
        var builder = new DataFrameBuilder();
        for (int i = 0; i < _readings.Length; i++)
        {
            builder.AddRow(_times[i], _readings[i]);
        }

        return builder;
    }

    private DataFrameBuilder FillByKey()
    {
        var builder = new DataFrameBuilder();
        for (int i = 0; i < _readings.Length; i++)
        {
            AddByKey(builder, _times[i], _readings[i]);
        }

        return builder;
    }

    private static void AddByKey(DataFrameBuilder builder, DateTimeOffset time, MeterReading r) => builder.AddRow(time,
    [
        new(MeterReading.InputKeys.Temperature, r.Temperature),
        new(MeterReading.InputKeys.Pressure, r.Pressure),
        new(MeterReading.InputKeys.Flow, r.Flow),
        new(MeterReading.InputKeys.Level, r.Level),
        new(MeterReading.InputKeys.Outdoor, r.Outdoor),
        new(MeterReading.InputKeys.Setpoint, r.Setpoint),
        new(MeterReading.InputKeys.Burners, r.Burners),
        new(MeterReading.InputKeys.Starts, r.Starts),
        new(MeterReading.InputKeys.Alarm, r.Alarm ? 1d : 0d),
        new(MeterReading.InputKeys.State, (double)(int)r.State),
    ]);

    /// <summary>
    /// Allocations in bytes, not rounded to MB: the claim is about the bytes beyond the column
    /// storage. The build of BenchmarkDotNet's copy gets 10 minutes: at the shared machine's usual
    /// load the default 2 minutes ran out.
    /// </summary>
    private sealed class ExactBytes : ManualConfig
    {
        public ExactBytes()
        {
            SummaryStyle = SummaryStyle.Default.WithSizeUnit(SizeUnit.B);
            BuildTimeout = TimeSpan.FromMinutes(10);
        }
    }

    /// <summary>
    /// What a careful hand-written integration does without the library's builder, with the
    /// builder's guarantees: a row with an infinite value or a repeated time is refused whole, so
    /// every value is checked before any column changes.
    /// </summary>
    private sealed class HandWrittenColumns
    {
        private readonly HashSet<long> _seenTicks = [];
        private readonly List<double?>[] _columns = [.. Enumerable.Range(0, Signals).Select(_ => new List<double?>())];

        public List<DateTimeOffset> Times { get; } = [];

        public IEnumerable<double?> Column(string inputKey) => _columns[InputKeys.ToList().IndexOf(inputKey)];

        public static HandWrittenColumns Fill(DateTimeOffset[] times, MeterReading[] readings)
        {
            var columns = new HandWrittenColumns();
            for (int i = 0; i < readings.Length; i++)
            {
                columns.Add(times[i], readings[i]);
            }

            return columns;
        }

        private void Add(DateTimeOffset time, MeterReading r)
        {
            double temperature = r.Temperature, pressure = r.Pressure, flow = r.Flow, level = r.Level;
            double? outdoor = r.Outdoor, setpoint = r.Setpoint;
            if (double.IsInfinity(temperature) || double.IsInfinity(pressure) || double.IsInfinity(flow) || double.IsInfinity(level)
                || IsInfinity(outdoor) || IsInfinity(setpoint))
            {
                throw new InvalidOperationException("Clarify stores no infinity.");
            }

            var micro = new DateTimeOffset(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);
            if (!_seenTicks.Add(micro.UtcTicks))
            {
                throw new InvalidOperationException($"Timestamp {micro:O} was already added.");
            }

            Times.Add(micro);
            _columns[0].Add(NaNAsGap(temperature));
            _columns[1].Add(NaNAsGap(pressure));
            _columns[2].Add(NaNAsGap(flow));
            _columns[3].Add(NaNAsGap(level));
            _columns[4].Add(NaNAsGap(outdoor));
            _columns[5].Add(NaNAsGap(setpoint));
            _columns[6].Add(r.Burners);
            _columns[7].Add(r.Starts);
            _columns[8].Add(r.Alarm ? 1d : 0d);
            _columns[9].Add((int)r.State);
        }

        private static bool IsInfinity(double? value) => value is double v && double.IsInfinity(v);

        private static double? NaNAsGap(double? value) => value is double v && double.IsNaN(v) ? null : value;
    }
}
