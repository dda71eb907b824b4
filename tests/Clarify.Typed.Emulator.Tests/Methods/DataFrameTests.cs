using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests.Methods;

public sealed class DataFrameTests
{
    // Two hours of known data: hour 0 has 1, 2, 6; hour 1 has -4; hour 3 has 10 (hour 2 is empty).
    private static readonly string[] Times =
        ["2024-03-01T00:00:00Z", "2024-03-01T00:20:00Z", "2024-03-01T00:59:59.999999Z", "2024-03-01T01:00:00Z", "2024-03-01T03:30:00Z"];

    private static readonly double?[] Values = [1, 2, 6, -4, 10];

    [Fact]
    public async Task An_hourly_rollup_gives_sum_avg_min_max_count_series_per_item_for_buckets_with_data()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        string id = (await Wire.InsertAndPublishAsync(client, Times, new() { ["v"] = Values }))["v"];

        JsonObject frame = await FrameAsync(client, "PT1H");

        Assert.Equal(["2024-03-01T00:00:00Z", "2024-03-01T01:00:00Z", "2024-03-01T03:00:00Z"], Wire.Strings(frame["times"]));
        Assert.Equal([$"{id}_sum", $"{id}_avg", $"{id}_min", $"{id}_max", $"{id}_count"], frame["series"]!.AsObject().Select(s => s.Key).ToArray());
        Assert.Equal([9, -4, 10], Wire.Numbers(frame["series"]![$"{id}_sum"]));
        Assert.Equal([3, -4, 10], Wire.Numbers(frame["series"]![$"{id}_avg"]));
        Assert.Equal([1, -4, 10], Wire.Numbers(frame["series"]![$"{id}_min"]));
        Assert.Equal([6, -4, 10], Wire.Numbers(frame["series"]![$"{id}_max"]));
        Assert.Equal([3, 1, 1], Wire.Numbers(frame["series"]![$"{id}_count"]));
    }

    [Fact]
    public async Task A_window_rollup_aggregates_everything_in_the_time_filter_into_one_row_at_its_start()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        string id = (await Wire.InsertAndPublishAsync(client, Times, new() { ["v"] = Values }))["v"];

        JsonObject frame = await FrameAsync(client, "window", from: "2024-03-01T00:10:00Z", to: "2024-03-01T02:00:00Z");

        Assert.Equal(["2024-03-01T00:10:00Z"], Wire.Strings(frame["times"]));
        Assert.Equal([4], Wire.Numbers(frame["series"]![$"{id}_sum"]));
        Assert.Equal([3], Wire.Numbers(frame["series"]![$"{id}_count"]));
        Assert.Equal([-4], Wire.Numbers(frame["series"]![$"{id}_min"]));
    }

    [Fact]
    public async Task A_window_rollup_without_a_time_filter_starts_at_the_first_sample()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        string id = (await Wire.InsertAndPublishAsync(client, Times, new() { ["v"] = Values }))["v"];

        JsonObject frame = await FrameAsync(client, "window");

        Assert.Equal(["2024-03-01T00:00:00Z"], Wire.Strings(frame["times"]));
        Assert.Equal([5], Wire.Numbers(frame["series"]![$"{id}_count"]));
        Assert.Equal([15], Wire.Numbers(frame["series"]![$"{id}_sum"]));
    }

    [Fact]
    public async Task Daily_buckets_start_at_midnight_utc_and_the_time_filter_is_half_open()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        string id = (await Wire.InsertAndPublishAsync(client, Times, new() { ["v"] = Values }))["v"];

        JsonObject frame = await FrameAsync(client, "P1D", from: "2024-03-01T00:00:00Z", to: "2024-03-01T03:30:00Z");

        Assert.Equal(["2024-03-01T00:00:00Z"], Wire.Strings(frame["times"]));
        Assert.Equal([4], Wire.Numbers(frame["series"]![$"{id}_count"]));
        Assert.Equal([5], Wire.Numbers(frame["series"]![$"{id}_sum"]));
    }

    [Fact]
    public async Task Series_of_several_items_share_the_times_with_null_where_an_item_has_no_data()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        Dictionary<string, string> ids = await Wire.InsertAndPublishAsync(client, ["2024-03-01T00:00:00Z", "2024-03-01T01:00:00Z"], new() { ["a"] = [1, null], ["b"] = [null, 2] });

        JsonObject raw = await FrameAsync(client, rollup: null);
        JsonObject hourly = await FrameAsync(client, "PT1H");

        Assert.Equal([1, null], Wire.Numbers(raw["series"]![ids["a"]]));
        Assert.Equal([null, 2], Wire.Numbers(raw["series"]![ids["b"]]));
        Assert.Equal([1, null], Wire.Numbers(hourly["series"]![ids["a"] + "_count"]));
    }

    [Fact]
    public async Task The_series_filter_and_last_trim_the_frame()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        string id = (await Wire.InsertAndPublishAsync(client, Times, new() { ["v"] = Values }))["v"];

        JsonObject result = await client.ResultAsync("clarify.dataFrame", new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["rollup"] = "PT1H",
                ["last"] = 2,
                ["filter"] = new JsonObject { ["series"] = new JsonObject { ["$in"] = Wire.Array(id + "_max") } },
            },
        });

        JsonObject frame = result["data"]!.AsObject();
        Assert.Equal(["2024-03-01T01:00:00Z", "2024-03-01T03:00:00Z"], Wire.Strings(frame["times"]));
        Assert.Equal([id + "_max"], frame["series"]!.AsObject().Select(s => s.Key).ToArray());
    }

    [Fact]
    public async Task Include_item_adds_the_items_of_the_frame()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        string id = (await Wire.InsertAndPublishAsync(client, Times, new() { ["v"] = Values }))["v"];

        JsonObject result = await client.ResultAsync("clarify.dataFrame", new JsonObject { ["include"] = Wire.Array("item") });

        Assert.Equal(id, Assert.Single(result["included"]!["items"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_format_is_echoed_and_included_items_can_be_a_flat_list()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        string id = (await Wire.InsertAndPublishAsync(client, Times, new() { ["v"] = Values }))["v"];

        JsonObject result = await client.ResultAsync("clarify.dataFrame", new JsonObject
        {
            ["include"] = Wire.Array("item"),
            ["format"] = new JsonObject { ["dataAsArray"] = false, ["groupIncludedByType"] = false },
        });

        Assert.False(result["meta"]!["format"]!["dataAsArray"]!.GetValue<bool>());
        Assert.False(result["meta"]!["format"]!["groupIncludedByType"]!.GetValue<bool>());
        Assert.Equal(id, Assert.Single(result["included"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("PT30S", "2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z", null)]
    [InlineData("PT1H", "2023-01-01T00:00:00Z", "2024-03-01T00:00:00Z", null)]
    [InlineData("P1M", null, null, null)]
    [InlineData("one hour", null, null, null)]
    [InlineData(null, "2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z", null)]
    [InlineData("PT1H", null, null, "Europe/Oslo")]
    public async Task Unsupported_or_too_wide_queries_are_invalid_params(string? rollup, string? from, string? to, string? timeZone)
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        var data = new JsonObject { ["rollup"] = rollup, ["timeZone"] = timeZone };
        if (from is not null)
        {
            data["filter"] = new JsonObject { ["times"] = new JsonObject { ["$gte"] = from, ["$lt"] = to } };
        }

        JsonObject error = await client.ErrorAsync("clarify.dataFrame", new JsonObject { ["data"] = data });

        Assert.Equal(-32602, error["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_day_of_minute_data_rolls_up_to_24_hours_of_60_samples()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        var start = new System.DateTimeOffset(2024, 6, 1, 0, 0, 0, System.TimeSpan.Zero);
        string[] times = Enumerable.Range(0, 1440).Select(m => start.AddMinutes(m).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        double?[] values = Enumerable.Range(0, 1440).Select(m => (double?)m).ToArray();
        string id = (await Wire.InsertAndPublishAsync(client, times, new() { ["minutes"] = values }))["minutes"];

        JsonObject frame = await FrameAsync(client, "PT1H");

        Assert.Equal(24, frame["times"]!.AsArray().Count);
        Assert.All(Wire.Numbers(frame["series"]![id + "_count"]), c => Assert.Equal(60, c));
        Assert.Equal(Enumerable.Range(0, 24).Select(h => (double?)((h * 60) + 29.5)), Wire.Numbers(frame["series"]![id + "_avg"]));
    }

    private static async Task<JsonObject> FrameAsync(EmulatorClient client, string? rollup, string? from = null, string? to = null)
    {
        var data = new JsonObject { ["rollup"] = rollup };
        if (from is not null)
        {
            data["filter"] = new JsonObject { ["times"] = new JsonObject { ["$gte"] = from, ["$lt"] = to } };
        }

        JsonObject result = await client.ResultAsync("clarify.dataFrame", new JsonObject { ["query"] = new JsonObject(), ["data"] = data });
        return result["data"]!.AsObject();
    }
}
