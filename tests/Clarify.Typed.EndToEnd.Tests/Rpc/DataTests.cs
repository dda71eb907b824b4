using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.EndToEnd.Tests.Rpc;

/// <summary>insert, dataFrame (raw, rolled up, split into windows), evaluate and connect/disconnect, over real HTTP.</summary>
public sealed class DataTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Inserted_values_are_read_back_exactly_to_the_microsecond()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);
        DateTimeOffset t0 = Start.AddTicks(1_234_560);                                   // .123456
        DateTimeOffset t1 = new DateTimeOffset(2024, 5, 1, 12, 0, 1, TimeSpan.FromHours(2)).AddTicks(10);  // 10:00:01.000001Z
        DateTimeOffset t2 = Start.AddMinutes(1).AddTicks(9_999_990);                     // 10:01:00.999999
        DataFrame frame = DataFrame.CreateBuilder()
            .AddRow(t0, [new("a", 0.1 + 0.2), new("b", -1e-300)])
            .AddRow(t1, [new("a", double.MaxValue), new("b", double.NaN)])
            .AddRow(t2, "b", 12345.678901234567)
            .Build();

        InsertResult inserted = await client.InsertAsync(frame);
        Assert.True(inserted.SignalsByInput["a"].Created);
        Assert.True(inserted.SignalsByInput["b"].Created);
        Dictionary<string, string> items = await PublishInsertedAsync(client, inserted);

        Selection<DataFrame> read = await client.DataFrameAsync(
            Items(items.Values),
            new DataQuery { Filter = DataFilter.TimeRange(Start, Start.AddHours(1)) },
            include: ["item"]);

        DataFrame data = read.Data!;
        Assert.Equal([t0.ToUniversalTime(), t1.ToUniversalTime(), t2.ToUniversalTime()], data.Times);
        Assert.Equal(TimeSpan.Zero, data.Times[1].Offset);
        Assert.Equal([0.1 + 0.2, double.MaxValue, null], data[items["a"]]!);
        Assert.Equal([-1e-300, null, 12345.678901234567], data[items["b"]]!);
        Assert.Equal(items.Values.Order(StringComparer.Ordinal), read.Included!.Items!.Select(i => i.Id).Order(StringComparer.Ordinal));

        InsertResult again = await client.InsertAsync(DataFrame.CreateBuilder().AddRow(t2, "a", 1).Build());
        Assert.False(again.SignalsByInput["a"].Created);
        Assert.Equal(inserted.SignalsByInput["a"].Id, again.SignalsByInput["a"].Id);
    }

    [Fact]
    public async Task An_insert_over_the_request_limit_is_sent_in_chunks_the_server_accepts_and_reads_back_whole()
    {
        const int limit = 4096;

        // The emulator refuses any body over the limit with HTTP 413, so every chunk is checked against it.
        await using ClarifyEmulator emulator = await StartEmulatorAsync(configure: o => o.MaxRequestBodySize = limit);
        using ClarifyClient client = CreateClient(emulator, configure: o => o.MaxRequestBytes = limit);
        DataFrameBuilder builder = DataFrame.CreateBuilder();
        for (int i = 0; i < 500; i++)
        {
            builder.AddRow(Start.AddSeconds(i).AddTicks(i * 10), [new("flow", i * 0.25), new("pressure", i % 7 == 0 ? null : 1000 + i)]);
        }

        DataFrame frame = builder.Build();
        InsertResult inserted = await client.InsertAsync(frame);

        // Every request carries its rows' part of the frame's JSON, so fewer than size / limit cannot
        // hold it; packing rows greedily, two consecutive requests always hold more than one limit.
        int atLeast = (int)Math.Ceiling(JsonSerializer.SerializeToUtf8Bytes(frame).Length / (double)limit);
        int requests = emulator.GetRpcRequestCount(ClarifyRpcMethods.Insert);
        Assert.True(atLeast >= 3, $"the frame should need several requests, but needs {atLeast}");
        Assert.InRange(requests, atLeast, 2 * atLeast);
        Assert.True(inserted.SignalsByInput["flow"].Created);
        Assert.True(inserted.SignalsByInput["pressure"].Created);
        Dictionary<string, string> items = await PublishInsertedAsync(client, inserted);

        DataFrame read = (await client.DataFrameAsync(Items(items.Values), new DataQuery { Filter = DataFilter.TimeRange(Start, Start.AddHours(1)) })).Data!;

        Assert.Equal(frame.Times, read.Times);
        Assert.Equal(frame["flow"], read[items["flow"]]);
        Assert.Equal(frame["pressure"], read[items["pressure"]]);
    }

    [Fact]
    public async Task A_rolled_up_data_frame_has_sum_avg_min_max_and_count_per_bucket()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);
        InsertResult inserted = await client.InsertAsync(DataFrame.CreateBuilder()
            .AddRow(Start, "t", 1)
            .AddRow(Start.AddMinutes(20), "t", 2)
            .AddRow(Start.AddMinutes(40), "t", 6)
            .AddRow(Start.AddMinutes(70), "t", 5)
            .AddRow(Start.AddMinutes(190), "t", -3)
            .Build());
        string item = (await PublishInsertedAsync(client, inserted))["t"];

        DataFrame data = (await client.DataFrameAsync(
            Items(item),
            new DataQuery { Filter = DataFilter.TimeRange(Start, Start.AddDays(1)), Rollup = Rollup.Every(TimeSpan.FromHours(1)) })).Data!;

        Assert.Equal([Start, Start.AddHours(1), Start.AddHours(3)], data.Times);
        Assert.Equal([$"{item}_sum", $"{item}_avg", $"{item}_min", $"{item}_max", $"{item}_count"], data.Keys);
        Assert.Equal([9.0, 5, -3], data[$"{item}_sum"]!);
        Assert.Equal([3.0, 5, -3], data[$"{item}_avg"]!);
        Assert.Equal([1.0, 5, -3], data[$"{item}_min"]!);
        Assert.Equal([6.0, 5, -3], data[$"{item}_max"]!);
        Assert.Equal([3.0, 1, 1], data[$"{item}_count"]!);

        DataFrame window = (await client.DataFrameAsync(
            Items(item),
            new DataQuery { Filter = DataFilter.TimeRange(Start, Start.AddDays(1)).WithSeries($"{item}_avg"), Rollup = Rollup.Window })).Data!;
        Assert.Equal([Start], window.Times);
        Assert.Equal([$"{item}_avg"], window.Keys);
        Assert.Equal([11.0 / 5], window[$"{item}_avg"]!);
    }

    [Fact]
    public async Task A_range_longer_than_the_server_allows_is_read_window_by_window_without_gaps_or_overlaps()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);
        DataFrameBuilder builder = DataFrame.CreateBuilder();
        for (int day = 0; day < 100; day++)
        {
            builder.AddRow(Start.AddDays(day), "daily", day);
        }

        string item = (await PublishInsertedAsync(client, await client.InsertAsync(builder.Build())))["daily"];

        // Raw data: 40 days per call, so 100 days take 3 calls; the boundaries fall exactly on samples.
        DataFrame raw = (await client.DataFrameAsync(Items(item), new DataQuery { Filter = DataFilter.TimeRange(Start, Start.AddDays(100)) })).Data!;

        Assert.Equal(3, emulator.GetRpcRequestCount(ClarifyRpcMethods.DataFrame));
        Assert.Equal(Enumerable.Range(0, 100).Select(d => Start.AddDays(d)), raw.Times);
        Assert.Equal(Enumerable.Range(0, 100).Select(d => (double?)d), raw[item]!);

        // PT1H: 400 days per call; 1000 days take 3 more calls, each bucket once.
        DataFrame hourly = (await client.DataFrameAsync(
            Items(item),
            new DataQuery { Filter = DataFilter.TimeRange(Start.AddDays(-450), Start.AddDays(550)), Rollup = Rollup.Every(TimeSpan.FromHours(1)) })).Data!;

        Assert.Equal(6, emulator.GetRpcRequestCount(ClarifyRpcMethods.DataFrame));
        Assert.Equal(raw.Times, hourly.Times);
        Assert.Equal(Enumerable.Repeat((double?)1, 100), hourly[$"{item}_count"]!);
        Assert.Equal(raw[item], hourly[$"{item}_sum"]);
    }

    [Fact]
    public async Task Evaluate_computes_formulas_over_aggregated_items_bucket_by_bucket()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);
        InsertResult inserted = await client.InsertAsync(DataFrame.CreateBuilder()
            .AddRow(Start, [new("power", 10), new("hours", 2)])
            .AddRow(Start.AddMinutes(30), [new("power", 30), new("hours", 2)])
            .AddRow(Start.AddHours(1), [new("power", 7), new("hours", 0)])
            .AddRow(Start.AddHours(2), "power", 4)
            .Build());
        Dictionary<string, string> items = await PublishInsertedAsync(client, inserted);

        Selection<DataFrame> result = await client.EvaluateAsync(
            [
                new EvaluateItem { Id = items["power"], Aggregation = Aggregation.Avg, Alias = "p" },
                new EvaluateItem { Id = items["hours"], Aggregation = Aggregation.Sum, Alias = "h" },
            ],
            [
                new Calculation { Formula = "p * h / 2", Alias = "energy" },
                new Calculation { Formula = "-(energy - 1) / h", Alias = "per_hour" },
            ],
            new DataQuery { Filter = DataFilter.TimeRange(Start, Start.AddDays(1)), Rollup = Rollup.Every(TimeSpan.FromHours(1)) },
            include: ["item"]);

        DataFrame data = result.Data!;
        Assert.Equal([Start, Start.AddHours(1), Start.AddHours(2)], data.Times);
        Assert.Equal(["p", "h", "energy", "per_hour"], data.Keys);
        Assert.Equal([20.0, 7, 4], data["p"]!);
        Assert.Equal([4.0, 0, null], data["h"]!);
        Assert.Equal([40.0, 0, null], data["energy"]!);
        Assert.Equal([-39.0 / 4, null, null], data["per_hour"]!);
        Assert.Equal(-1, result.Meta!.Total);
        Assert.Equal(2, result.Included!.Items!.Count);
    }

    [Fact]
    public async Task Connected_signals_feed_an_item_until_they_are_disconnected()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);
        InsertResult inserted = await client.InsertAsync(DataFrame.CreateBuilder()
            .AddRow(Start, "main", 1)
            .AddRow(Start.AddMinutes(1), "backup", 2)
            .Build());
        PublishSignalsResult published = await client.PublishSignalsAsync(new Dictionary<string, ItemSave>
        {
            [inserted.SignalsByInput["main"].Id] = new() { Name = "Meter" },
        });
        string item = published.ItemsBySignal[inserted.SignalsByInput["main"].Id].Id;
        var backup = new ResourceQuery { Filter = ResourceFilter.Equals("input", "backup") };
        var range = new DataQuery { Filter = DataFilter.TimeRange(Start, Start.AddHours(1)) };

        Selection<List<Resource<SignalAttributes>>> connected = await client.ConnectSignalsAsync(item, backup);

        Resource<SignalAttributes> signal = Assert.Single(connected.Data!);
        Assert.Equal(inserted.SignalsByInput["backup"].Id, signal.Id);
        Assert.Equal(item, signal.Relationships!["item"]!.Single!.Id);
        DataFrame both = (await client.DataFrameAsync(Items(item), range)).Data!;
        Assert.Equal([1.0, 2.0], both[item]!);

        await client.DisconnectSignalsAsync(backup);

        Selection<List<Resource<SignalAttributes>>> after = await client.SelectSignalsAsync(backup);
        Assert.Null(Assert.Single(after.Data!).Relationships!["item"]?.Single);
        DataFrame one = (await client.DataFrameAsync(Items(item), range)).Data!;
        Assert.Equal([Start], one.Times);
        Assert.Equal([1.0], one[item]!);
        Assert.Equal(1, emulator.GetRpcRequestCount(ClarifyRpcMethods.ConnectSignals));
        Assert.Equal(1, emulator.GetRpcRequestCount(ClarifyRpcMethods.DisconnectSignals));
    }
}
