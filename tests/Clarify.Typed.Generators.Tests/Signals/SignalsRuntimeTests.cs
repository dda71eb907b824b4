using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Models;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clarify.Typed.Generators.Tests.Signals;

/// <summary>The code the generator emitted for <see cref="PlantReading"/>, run: metadata, writer, reader.</summary>
public class SignalsRuntimeTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<PlantReading> Readings =
        from temperature in Nullable(Gen.Choose(-40_000, 400_000).Select(i => i / 1000.0))
        from pressure in Gen.Choose(0, 100_000).Select(i => i / 100.0)
        from load in Nullable(Gen.Choose(0, 1000).Select(i => i / 8f))
        from burners in Gen.Choose(int.MinValue, int.MaxValue)
        from starts in Nullable(Gen.Choose(-1_000_000, 1_000_000).Select(i => (long)i * 1_000_003))
        from price in Nullable(Gen.Choose(0, 10_000_000).Select(i => i / 100m))
        from alarm in Gen.Elements(true, false)
        from standby in Gen.Elements<bool?>(true, false, null)
        from mode in Gen.Elements(PumpMode.Off, PumpMode.Manual, PumpMode.Auto)
        from previous in Gen.Elements<PumpMode?>(PumpMode.Off, PumpMode.Auto, null)
        select new PlantReading(temperature, pressure, load, burners, starts, price, alarm, standby, mode, previous);

    [Fact]
    public void Input_keys_and_signals_come_from_the_attributes()
    {
        Assert.Equal("plant/temperature", PlantReading.InputKeys.Temperature);
        IReadOnlyDictionary<string, SignalSave> signals = PlantReading.Signals;

        Assert.Equal(10, signals.Count);
        SignalSave temperature = signals["plant/temperature"];
        Assert.Equal("Temperature", temperature.Name);
        Assert.Equal("°C", temperature.EngUnit);
        Assert.Equal(ValueKind.Numeric, temperature.ValueType);
        Assert.Equal(TimeSpan.FromMinutes(1), temperature.SampleInterval);
        Assert.Equal(["oslo"], temperature.Labels!["site"]);
        Assert.Equal("plant/pressure", signals["plant/pressure"].Name);
        SignalSave mode = signals["plant/mode"];
        Assert.Equal(ValueKind.Enum, mode.ValueType);
        Assert.Equal(new Dictionary<int, string> { [0] = "Off", [1] = "Manual", [5] = "Automatic" }, mode.EnumValues);
        Assert.NotSame(signals, PlantReading.Signals);
    }

    [Property(MaxTest = 200)]
    public Property Generated_writer_makes_the_same_json_as_the_builder_given_the_same_values() =>
        Prop.ForAll(Arb.From(Gen.ListOf(Readings).Select(r => r.ToArray())), readings =>
        {
            DataFrameBuilder typed = DataFrame.CreateBuilder();
            DataFrameBuilder byHand = DataFrame.CreateBuilder();
            for (int i = 0; i < readings.Length; i++)
            {
                typed.AddRow(Start.AddSeconds(i), readings[i]);
                byHand.AddRow(Start.AddSeconds(i), ByHand(readings[i]));
            }

            Assert.Equal(JsonSerializer.Serialize(byHand.Build()), JsonSerializer.Serialize(typed.Build()));
        });

    [Property(MaxTest = 200)]
    public Property Readings_read_back_equal() =>
        Prop.ForAll(Arb.From(Gen.ListOf(Readings).Select(r => r.ToArray())), readings =>
        {
            DataFrameBuilder builder = DataFrame.CreateBuilder();
            for (int i = 0; i < readings.Length; i++)
            {
                builder.AddRow(Start.AddSeconds(i), readings[i]);
            }

            (DateTimeOffset Time, PlantReading Reading)[] rows = builder.Build().ReadRows<PlantReading>().ToArray();

            Assert.Equal(readings.Select((r, i) => (Start.AddSeconds(i), r)), rows);
        });

    [Fact]
    public void Typed_rows_mix_with_other_rows_and_gaps_stay_gaps()
    {
        PlantReading reading = new(null, 2.5, null, 3, null, null, true, null, PumpMode.Auto, null);
        DataFrame frame = DataFrame.CreateBuilder()
            .AddRow(Start, "other/key", 1)
            .AddRow(Start.AddSeconds(1), reading)
            .AddRow(Start.AddSeconds(2), "other/key", 2)
            .AddRow(Start.AddSeconds(3), reading)
            .Build();

        Assert.Equal(new double?[] { 1, null, 2, null }, frame["other/key"]);
        Assert.Equal(new double?[] { null, 2.5, null, 2.5 }, frame[PlantReading.InputKeys.Pressure]);
        Assert.Equal(new double?[] { null, 5, null, 5 }, frame[PlantReading.InputKeys.Mode]);
        Assert.Equal(new double?[] { null, 1, null, 1 }, frame[PlantReading.InputKeys.Alarm]);
        Assert.Equal(new double?[] { null, null, null, null }, frame[PlantReading.InputKeys.Temperature]);
    }

    [Fact]
    public void An_infinite_value_or_a_repeated_time_adds_nothing()
    {
        DataFrameBuilder builder = DataFrame.CreateBuilder().AddRow(Start, Reading(1));

        ClarifyDataFrameException infinite = Assert.Throws<ClarifyDataFrameException>(() => builder.AddRow(Start.AddSeconds(1), Reading(double.PositiveInfinity)));
        ClarifyDataFrameException repeated = Assert.Throws<ClarifyDataFrameException>(() => builder.AddRow(Start, Reading(2)));

        Assert.Contains("series \"plant/pressure\" row 0 is +Infinity", infinite.Message, StringComparison.Ordinal);
        Assert.Contains("was already added", repeated.Message, StringComparison.Ordinal);
        Assert.Equal(1, builder.RowCount);
        Assert.Equal(new double?[] { 1 }, builder.Build()[PlantReading.InputKeys.Pressure]);

        // The refused row's time is still free.
        builder.AddRow(Start.AddSeconds(1), Reading(3));
        Assert.Equal(new double?[] { 1, 3 }, builder.Build()[PlantReading.InputKeys.Pressure]);
    }

    [Fact]
    public void An_infinite_float_after_finite_values_refuses_the_row_whole_and_nan_is_a_gap()
    {
        DataFrameBuilder builder = DataFrame.CreateBuilder().AddRow(Start, Reading(double.NaN));
        PlantReading infiniteLoad = Reading(2) with { Temperature = 20, Load = float.PositiveInfinity };

        ClarifyDataFrameException infinite = Assert.Throws<ClarifyDataFrameException>(() => builder.AddRow(Start.AddSeconds(1), infiniteLoad));

        Assert.Contains("series \"plant/load\" row 0 is +Infinity", infinite.Message, StringComparison.Ordinal);
        DataFrame frame = builder.Build();
        Assert.Equal(1, frame.RowCount);
        Assert.Equal(new double?[] { null }, frame[PlantReading.InputKeys.Pressure]);
        Assert.Equal(new double?[] { null }, frame[PlantReading.InputKeys.Temperature]);
        Assert.Equal(new double?[] { 2 }, frame[PlantReading.InputKeys.Burners]);
    }

    [Fact]
    public void A_refused_first_typed_row_leaves_no_series_behind()
    {
        DataFrameBuilder builder = DataFrame.CreateBuilder();

        Assert.Throws<ClarifyDataFrameException>(() => builder.AddRow(Start, Reading(double.NegativeInfinity)));

        Assert.Empty(builder.Build().Series);
        builder.AddRow(Start, Reading(4));
        Assert.Equal(new double?[] { 4 }, builder.Build()[PlantReading.InputKeys.Pressure]);
    }

    [Fact]
    public void Rows_of_two_reading_types_in_turn_each_find_their_own_columns()
    {
        PumpOnlyReading pump = new(7);
        DataFrame frame = DataFrame.CreateBuilder()
            .AddRow(Start, Reading(1))
            .AddRow(Start.AddSeconds(1), pump)
            .AddRow(Start.AddSeconds(2), Reading(2))
            .Build();

        Assert.Equal(new double?[] { 1, null, 2 }, frame[PlantReading.InputKeys.Pressure]);
        Assert.Equal(new double?[] { null, 7, null }, frame[PumpOnlyReading.InputKeys.Speed]);
    }

    [Fact]
    public void Reading_a_gap_into_a_non_nullable_property_says_which_series_time_and_property()
    {
        DataFrame frame = DataFrame.CreateBuilder().AddRow(Start, Reading(1)).AddRow(Start.AddSeconds(1), PlantReading.InputKeys.Temperature, 20).Build();

        ClarifyDataFrameException error = Assert.Throws<ClarifyDataFrameException>(() => frame.ReadRows<PlantReading>().ToArray());

        Assert.Equal("The data frame is invalid: series \"plant/pressure\" has a gap at 2026-12-01T00:00:01Z, but PlantReading.Pressure cannot be null: make the property nullable to read gaps.", error.Message);
    }

    [Fact]
    public void Read_rows_map_series_keys_such_as_item_ids_to_input_keys()
    {
        DataFrame byInputKey = DataFrame.CreateBuilder().AddRow(Start, Reading(7)).Build();
        var itemIds = PlantReading.Signals.Keys.ToDictionary(k => k, k => "item-" + k.Replace('/', '-'), StringComparer.Ordinal);
        var byItemId = new DataFrame(byInputKey.Times, byInputKey.Series.ToDictionary(s => itemIds[s.Key], s => s.Value, StringComparer.Ordinal));

        (DateTimeOffset time, PlantReading reading) = Assert.Single(byItemId.ReadRows<PlantReading>(itemIds));

        Assert.Equal(Start, time);
        Assert.Equal(Reading(7), reading);
    }

    [Fact]
    public async Task Writer_stores_one_point_per_value_and_none_for_a_gap()
    {
        using ClarifyClient client = ClarifyClient.Create(new ClarifyOptions(new Uri("http://127.0.0.1:9/v1/"), "c0jd1g6qnk1emp4tq2ag", ClarifyCredential.ClientCredentials("id", "secret")));
        await using ClarifyWriter writer = ClarifyWriter.Create(client, new ClarifyWriterOptions { FlushInterval = TimeSpan.FromHours(1) });

        await writer.WriteAsync(Start, Reading(3));

        IReadOnlyList<ClarifyWriterBatch> pending = await writer.Store.ReadPendingAsync(100, default);
        WritePoint[] points = pending.SelectMany(b => b.Points).ToArray();
        Assert.Equal(
            [
                new(PlantReading.InputKeys.Pressure, Start, 3), new(PlantReading.InputKeys.Burners, Start, 2), new(PlantReading.InputKeys.Alarm, Start, 0),
                new(PlantReading.InputKeys.Mode, Start, 1),
            ],
            points);
    }

    private static PlantReading Reading(double pressure) => new(null, pressure, null, 2, null, null, false, null, PumpMode.Manual, null);

    private static KeyValuePair<string, double?>[] ByHand(PlantReading r) =>
    [
        new("plant/temperature", r.Temperature),
        new("plant/pressure", r.Pressure),
        new("plant/load", r.Load),
        new("plant/burners", r.Burners),
        new("plant/starts", r.Starts),
        new("plant/price", (double?)r.Price),
        new("plant/alarm", r.Alarm ? 1 : 0),
        new("plant/standby", r.Standby is bool b ? (b ? 1 : 0) : null),
        new("plant/mode", (int)r.Mode),
        new("plant/previous-mode", (int?)r.PreviousMode),
    ];

    private static Gen<T?> Nullable<T>(Gen<T> values)
        where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (4, values.Select(v => (T?)v)));
}
