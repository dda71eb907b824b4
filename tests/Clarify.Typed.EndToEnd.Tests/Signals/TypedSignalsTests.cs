using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.EndToEnd.Tests.Signals;

/// <summary>
/// A [ClarifySignals] record against the emulator: its generated metadata saves the signals, its
/// generated writer inserts readings (in a data frame and through the <see cref="ClarifyWriter"/>),
/// and its generated reader maps the data frame Clarify returns back into equal readings.
/// </summary>
public sealed class TypedSignalsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_generated_signals_save_with_every_attribute_in_one_call()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);

        SaveSignalsResult saved = await client.SaveSignalsAsync(BoilerReading.Signals);

        Assert.Equal(6, saved.SignalsByInput.Count);
        Assert.All(saved.SignalsByInput.Values, s => Assert.True(s.Created));
        Selection<List<Resource<SignalAttributes>>> selected = await client.SelectSignalsAsync(new ResourceQuery { Filter = ResourceFilter.Equals("labels.site", "bergen") });
        SignalAttributes temperature = Assert.Single(selected.Data!).Attributes!;
        Assert.Equal(BoilerReading.InputKeys.Temperature, temperature.Input);
        Assert.Equal("Boiler temperature", temperature.Name);
        Assert.Equal("°C", temperature.EngUnit);
        Assert.Equal(["oslo", "bergen"], temperature.Labels!["site"]);
        Assert.Equal(TimeSpan.FromMinutes(1), temperature.SampleInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), temperature.GapDetection);

        Selection<List<Resource<SignalAttributes>>> states = await client.SelectSignalsAsync(new ResourceQuery { Filter = ResourceFilter.Equals("input", BoilerReading.InputKeys.State) });
        SignalAttributes state = Assert.Single(states.Data!).Attributes!;
        Assert.Equal(ValueKind.Enum, state.ValueType);
        Assert.Equal(new Dictionary<int, string> { [0] = "Off", [1] = "Heating up", [2] = "Running" }, state.EnumValues);

        SaveSignalsResult again = await client.SaveSignalsAsync(BoilerReading.Signals);
        Assert.All(again.SignalsByInput.Values, s => Assert.False(s.Created));
    }

    [Fact]
    public async Task Readings_inserted_as_a_typed_data_frame_read_back_equal()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);
        Dictionary<string, string> items = await PublishAsync(client, BoilerReading.Signals);
        List<(DateTimeOffset Time, BoilerReading Reading)> written = Readings(240);
        DataFrameBuilder frame = DataFrame.CreateBuilder();
        foreach ((DateTimeOffset time, BoilerReading reading) in written)
        {
            frame.AddRow(time, reading);
        }

        await client.InsertAsync(frame.Build());

        Assert.Equal(written, await ReadBackAsync(client, items));
    }

    [Fact]
    public async Task Readings_written_through_the_writer_read_back_equal()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);
        Dictionary<string, string> items = await PublishAsync(client, BoilerReading.Signals);
        List<(DateTimeOffset Time, BoilerReading Reading)> written = Readings(240);
        await using (ClarifyWriter writer = ClarifyWriter.Create(client))
        {
            foreach ((DateTimeOffset time, BoilerReading reading) in written)
            {
                await writer.WriteAsync(time, reading);
            }

            await writer.FlushAsync();
        }

        Assert.Equal(written, await ReadBackAsync(client, items));
        // A gap is not a point: the writer sends only the properties that have values.
        Assert.Equal(written.Sum(r => 6 - (r.Reading.Temperature is null ? 1 : 0) - (r.Reading.Alarm is null ? 1 : 0)), emulator.InsertedValueCount);
    }

    private static async Task<List<(DateTimeOffset Time, BoilerReading Reading)>> ReadBackAsync(ClarifyClient client, Dictionary<string, string> itemsByInputKey)
    {
        Selection<DataFrame> read = await client.DataFrameAsync(Items(itemsByInputKey.Values), new DataQuery { Filter = DataFilter.TimeRange(Start, Start.AddDays(1)) });
        return [.. read.Data!.ReadRows<BoilerReading>(itemsByInputKey)];
    }

    /// <summary>A minute apart, with gaps in the nullable properties, every enum member, fractions and negative prices.</summary>
    private static List<(DateTimeOffset Time, BoilerReading Reading)> Readings(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => (Start.AddMinutes(i), new BoilerReading(
            Temperature: i % 11 == 0 ? null : 60 + (i * 0.125),
            Pressure: 4 + (i % 13 * 0.01),
            State: (BoilerState)(i % 3),
            Burners: i % 4,
            FuelPrice: (i % 5 == 0 ? -1.25m : 0.75m) + i,
            Alarm: i % 7 == 0 ? null : i % 2 == 0))),
    ];
}
