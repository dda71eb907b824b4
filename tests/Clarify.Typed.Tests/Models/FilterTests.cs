using System;
using System.Text.Json;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Tests.Models;

public sealed class FilterTests
{
    public static TheoryData<ResourceFilter, string> Operators => new()
    {
        { ResourceFilter.All, "{}" },
        { ResourceFilter.Equals("name", "Temperature"), """{"name":"Temperature"}""" },
        { ResourceFilter.Equals("visible", true), """{"visible":true}""" },
        { ResourceFilter.NotEqual("engUnit", "°C"), """{"engUnit":{"$ne":"°C"}}""" },
        { ResourceFilter.In("id", "a", "b"), """{"id":{"$in":["a","b"]}}""" },
        { ResourceFilter.NotIn("labels.site", "oslo", "bergen"), """{"labels.site":{"$nin":["oslo","bergen"]}}""" },
        { ResourceFilter.GreaterThan("meta.updatedAt", new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.FromHours(1))), """{"meta.updatedAt":{"$gt":"2024-01-01T00:00:00Z"}}""" },
        { ResourceFilter.GreaterThanOrEqual("attributes.x", 2.5), """{"attributes.x":{"$gte":2.5}}""" },
        { ResourceFilter.LessThan("count", 10L), """{"count":{"$lt":10}}""" },
        { ResourceFilter.LessThanOrEqual("count", 10L), """{"count":{"$lte":10}}""" },
        { ResourceFilter.Regex("annotations.x", "^plant-[0-9]+$"), """{"annotations.x":{"$regex":"^plant-[0-9]+$"}}""" },
        { ResourceFilter.And(ResourceFilter.Equals("a", 1L), ResourceFilter.In("b", "x")), """{"$and":[{"a":1},{"b":{"$in":["x"]}}]}""" },
        { ResourceFilter.Or(ResourceFilter.Equals("a", 1L), ResourceFilter.Regex("b", "y")), """{"$or":[{"a":1},{"b":{"$regex":"y"}}]}""" },
        { ResourceFilter.Equals("a", "x") & (ResourceFilter.Equals("b", "y") | ResourceFilter.Equals("c", "z")), """{"$and":[{"a":"x"},{"$or":[{"b":"y"},{"c":"z"}]}]}""" },
    };

    [Theory]
    [MemberData(nameof(Operators))]
    public void Each_operator_produces_the_documented_json(ResourceFilter filter, string expected)
    {
        string json = JsonSerializer.Serialize(filter, ClarifyJsonContext.Default.ResourceFilter);

        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(json).RootElement), json);
        Assert.Equal(json, filter.ToString());
    }

    [Fact]
    public void Combining_does_not_change_the_parts()
    {
        ResourceFilter part = ResourceFilter.Equals("a", "x");

        _ = ResourceFilter.And(part, part);

        Assert.Equal("""{"a":"x"}""", part.ToString());
    }

    [Fact]
    public void A_path_is_required()
    {
        Assert.Throws<ArgumentException>(() => ResourceFilter.Equals(" ", "x"));
    }

    [Fact]
    public void The_data_filter_writes_times_and_series()
    {
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var query = new DataQuery { Filter = DataFilter.TimeRange(from, from.AddDays(1)).WithSeries("a", "b"), Rollup = Rollup.Window, Last = 10 };

        string json = JsonSerializer.Serialize(query, ClarifyJsonContext.Default.DataQuery);

        Assert.Equal("""{"filter":{"times":{"$gte":"2024-01-01T00:00:00Z","$lt":"2024-01-02T00:00:00Z"},"series":{"$in":["a","b"]}},"rollup":"window","last":10}""", json);
        DataQuery read = JsonSerializer.Deserialize(json, ClarifyJsonContext.Default.DataQuery)!;
        Assert.Equal(from, read.Filter!.From);
        Assert.Equal(["a", "b"], read.Filter.Series!);
        Assert.True(read.Rollup!.IsWindow);
    }

    [Fact]
    public void An_empty_time_range_and_a_bad_rollup_fail_with_what_to_fix()
    {
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Contains("must be before", Assert.Throws<ArgumentException>(() => DataFilter.TimeRange(from, from)).Message, StringComparison.Ordinal);
        Assert.Contains("ISO 8601", Assert.Throws<FormatException>(() => Rollup.Parse("hourly")).Message, StringComparison.Ordinal);
        Assert.Equal("PT1H", Rollup.Every(TimeSpan.FromHours(1)).Text);
    }
}
