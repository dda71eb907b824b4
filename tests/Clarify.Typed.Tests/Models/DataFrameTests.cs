using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clarify.Typed.Inserts;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Tests.Models;

public sealed class DataFrameTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_series_of_the_wrong_length_fails_with_what_to_fix()
    {
        ClarifyDataFrameException error = Assert.Throws<ClarifyDataFrameException>(() =>
            new DataFrame([T0, T0.AddSeconds(1)], new Dictionary<string, IReadOnlyList<double?>> { ["temp"] = [1.0], ["hum"] = [1.0, 2.0, 3.0] }));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("series \"temp\" has 1 values but there are 2 timestamps", error.Message, StringComparison.Ordinal);
        Assert.Contains("series \"hum\" has 3 values", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Infinite_values_are_rejected(double value, string shown)
    {
        ClarifyDataFrameException error = Assert.Throws<ClarifyDataFrameException>(() =>
            new DataFrame([T0], new Dictionary<string, IReadOnlyList<double?>> { ["temp"] = [value] }));

        Assert.Contains($"series \"temp\" row 0 is {shown}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("æøå")]
    [InlineData("quote\"")]
    public void Invalid_input_keys_are_rejected(string key)
    {
        ClarifyDataFrameException error = Assert.Throws<ClarifyDataFrameException>(() =>
            new DataFrame([T0], new Dictionary<string, IReadOnlyList<double?>> { [key] = [1.0] }));

        Assert.Contains("a-z A-Z 0-9 - _ : . # + /", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_input_keys_include_every_allowed_symbol_and_128_characters()
    {
        Assert.True(DataFrame.IsValidInputKey("a-Z_0:9.#+/"));
        Assert.True(DataFrame.IsValidInputKey(new string('k', 128)));
        Assert.False(DataFrame.IsValidInputKey(new string('k', 129)));
    }

    [Fact]
    public void Timestamps_equal_to_the_microsecond_are_duplicates()
    {
        ClarifyDataFrameException error = Assert.Throws<ClarifyDataFrameException>(() =>
            new DataFrame([T0.AddTicks(1), T0.AddTicks(9)], new Dictionary<string, IReadOnlyList<double?>> { ["a"] = [1.0, 2.0] }));

        Assert.Contains("2024-05-01T12:00:00Z (row 1) appears more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_is_written_as_null_and_times_as_UTC_microseconds()
    {
        var plusTwo = new DateTimeOffset(2024, 5, 1, 14, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var frame = new DataFrame([plusTwo, T0.AddSeconds(1)], new Dictionary<string, IReadOnlyList<double?>> { ["a"] = [double.NaN, 0.1], ["b"] = [null, -2e-7] });

        string json = JsonSerializer.Serialize(frame, ClarifyJsonContext.Default.DataFrame);

        Assert.Equal("""{"times":["2024-05-01T12:00:00.123456Z","2024-05-01T12:00:01Z"],"series":{"a":[null,0.1],"b":[null,-2E-07]}}""", json);
        Assert.Null(frame["a"]![0]);
    }

    [Fact]
    public void A_frame_round_trips_through_json()
    {
        var frame = new DataFrame([T0, T0.AddTicks(10)], new Dictionary<string, IReadOnlyList<double?>> { ["a"] = [1.5, null] });

        DataFrame read = JsonSerializer.Deserialize(JsonSerializer.Serialize(frame, ClarifyJsonContext.Default.DataFrame), ClarifyJsonContext.Default.DataFrame)!;

        Assert.Equal(frame.Times, read.Times);
        Assert.Equal(frame["a"]!, read["a"]!);
    }

    [Fact]
    public void The_builder_fills_gaps_for_keys_missing_from_a_row()
    {
        DataFrame frame = DataFrame.CreateBuilder()
            .AddRow(T0, "temp", 20.5)
            .AddRow(T0.AddMinutes(1), [new("temp", 21.0), new("hum", double.NaN)])
            .AddRow(T0.AddMinutes(2), "hum", 40)
            .Build();

        Assert.Equal(3, frame.RowCount);
        Assert.Equal([20.5, 21.0, null], frame["temp"]!);
        Assert.Equal([null, null, 40], frame["hum"]!);
    }

    [Fact]
    public void The_builder_rejects_a_repeated_timestamp_at_once()
    {
        DataFrameBuilder builder = DataFrame.CreateBuilder().AddRow(T0, "a", 1);

        ClarifyDataFrameException error = Assert.Throws<ClarifyDataFrameException>(() => builder.AddRow(T0.AddTicks(3), "a", 2));

        Assert.Contains("already added", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, builder.RowCount);
    }

    [Fact]
    public void The_builder_rejects_bad_keys_values_and_repeated_keys_in_a_row()
    {
        DataFrameBuilder builder = DataFrame.CreateBuilder();

        ClarifyDataFrameException error = Assert.Throws<ClarifyDataFrameException>(() =>
            builder.AddRow(T0, [new("bad key", 1), new("x", double.PositiveInfinity), new("y", 1), new("y", 2)]));

        Assert.Equal(3, error.Problems.Count);
        Assert.Equal(0, builder.RowCount);
    }

    [Fact]
    public void Row_sizes_match_the_serialised_bytes_exactly()
    {
        var random = new Random(11);
        var times = Enumerable.Range(0, 50).Select(i => T0.AddTicks(i * 12_345_670L)).ToArray();
        var frame = new DataFrame(times, new Dictionary<string, IReadOnlyList<double?>>
        {
            ["a"] = times.Select(_ => (double?)(random.NextDouble() * 1e9)).ToArray(),
            ["b+c"] = times.Select((_, i) => i % 3 == 0 ? null : (double?)random.Next()).ToArray(),
        });
        var empty = new DataFrame([], new Dictionary<string, IReadOnlyList<double?>> { ["a"] = [], ["b+c"] = [] });

        long predicted = JsonSerializer.SerializeToUtf8Bytes(empty, ClarifyJsonContext.Default.DataFrame).Length
            + Enumerable.Range(0, frame.RowCount).Sum(r => DataFrameRowWriter.RowBytes(frame, r))
            + ((frame.RowCount - 1) * 3);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(frame, ClarifyJsonContext.Default.DataFrame).Length, predicted);
    }
}
