using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using FsCheck.Xunit;

namespace Clarify.Typed.Tests.Rpc;

public sealed class WindowTests
{
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string?, int?> Limits => new()
    {
        { null, 40 },
        { "PT30S", 40 },
        { "PT1M", 400 },
        { "PT1H", 400 },
        { "PT24H", 1900 },
        { "P7D", 1900 },
        { "P30D", 3660 },
        { "P1M", 3660 },
        { "P1Y", 3660 },
        { "window", null },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void The_longest_range_depends_on_the_rollup(string? rollup, int? days)
    {
        Assert.Equal(days is int d ? TimeSpan.FromDays(d) : null, DataFrameWindows.MaxRange(rollup is null ? null : Rollup.Parse(rollup)));
    }

    [Property(MaxTest = 300)]
    public bool Windows_cover_the_range_without_gap_or_overlap(uint startMinutes, uint lengthMinutes, byte rollupChoice)
    {
        string?[] rollups = [null, "PT1S", "PT7M", "PT1H", "P1D", "P30D", "P1M", "window"];
        string? text = rollups[rollupChoice % rollups.Length];
        Rollup? rollup = text is null ? null : Rollup.Parse(text);
        DateTimeOffset from = Epoch.AddMinutes(startMinutes % 5_000_000);
        DateTimeOffset to = from.AddMinutes(1 + (lengthMinutes % 8_000_000));

        IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> windows = DataFrameWindows.Split(from, to, rollup);

        TimeSpan? max = DataFrameWindows.MaxRange(rollup);
        bool contiguous = windows.Zip(windows.Skip(1)).All(pair => pair.First.To == pair.Second.From);
        bool withinLimit = windows.All(w => w.From < w.To && (max is null || w.To - w.From <= max));
        bool wholeBuckets = rollup?.Duration is not TimeSpan bucket || windows.Take(windows.Count - 1).All(w => (w.To - w.From).Ticks % bucket.Ticks == 0);
        return windows[0].From == from && windows[^1].To == to && contiguous && withinLimit && wholeBuckets;
    }

    [Fact]
    public async Task A_long_range_is_fetched_window_by_window_and_stitched()
    {
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddDays(100);
        using var server = new FakeClarify(FakeClarify.Result(request =>
        {
            JsonNode range = request["params"]!["data"]!["filter"]!["times"]!;
            DateTimeOffset windowFrom = DateTimeOffset.Parse(range["$gte"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            string series = windowFrom == from ? "a" : "b";
            return $$"""
                {"meta":{"total":2},"data":{"times":["{{range["$gte"]}}"],"series":{"{{series}}":[{{windowFrom.DayOfYear}}]} },
                 "included":{"items":[{"type":"items","id":"{{series}}"}]} }
                """;
        }));
        using ClarifyClient client = server.CreateRpcClient();

        Selection<DataFrame> selection = await client.DataFrameAsync(null, new DataQuery { Filter = DataFilter.TimeRange(from, to) }, ["item"], SafetyNet.Token);

        List<JsonObject> requests = server.Requests.Select(r => r.Json).ToList();
        Assert.Equal(3, requests.Count);
        Assert.Equal(["2024-01-01T00:00:00Z", "2024-02-10T00:00:00Z", "2024-03-21T00:00:00Z"], requests.Select(r => r["params"]!["data"]!["filter"]!["times"]!["$gte"]!.GetValue<string>()));
        Assert.Equal(["2024-02-10T00:00:00Z", "2024-03-21T00:00:00Z", "2024-04-10T00:00:00Z"], requests.Select(r => r["params"]!["data"]!["filter"]!["times"]!["$lt"]!.GetValue<string>()));
        DataFrame frame = selection.Data!;
        Assert.Equal([from, from.AddDays(40), from.AddDays(80)], frame.Times);
        Assert.Equal([1, null, null], frame["a"]!);
        Assert.Equal([null, 41, 81], frame["b"]!);
        Assert.Equal(["a", "b"], selection.Included!.Items!.Select(i => i.Id));
    }

    [Fact]
    public async Task Last_cannot_be_combined_with_a_split_range()
    {
        using var server = new FakeClarify(FakeClarify.Result("{}"));
        using ClarifyClient client = server.CreateRpcClient();
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        await Assert.ThrowsAsync<ArgumentException>(() => client.DataFrameAsync(null, new DataQuery { Filter = DataFilter.TimeRange(from, from.AddDays(41)), Last = 5 }, null, SafetyNet.Token));
        Assert.Empty(server.Requests);
    }
}
