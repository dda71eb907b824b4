using System;
using System.Linq;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Models;

namespace Clarify.Typed.Tests.Ingestion;

public sealed class FrameMergerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_last_write_of_a_key_at_a_time_wins_and_other_keys_have_gaps_there()
    {
        DataFrame frame = FrameMerger.Merge(
        [
            new("a", Start, 1),
            new("b", Start.AddSeconds(1), 2),
            new("a", Start.AddTicks(3), 3), // the same microsecond as Start: a rewrite
            new("a", Start.AddSeconds(1), double.NaN),
        ]);

        Assert.Equal([Start, Start.AddSeconds(1)], frame.Times);
        Assert.Equal([3.0, null], frame["a"]!);
        Assert.Equal([null, 2.0], frame["b"]!);
    }

    [Fact]
    public void A_frame_becomes_its_values_without_its_gaps()
    {
        DataFrame frame = DataFrame.CreateBuilder().AddRow(Start, "a", 1).AddRow(Start.AddSeconds(1), "a", null).Build();

        Assert.Equal([new WritePoint("a", Start, 1)], FrameMerger.Points(frame).ToArray());
    }

    [Fact]
    public void An_invalid_key_or_an_infinite_value_is_refused_before_it_is_stored()
    {
        ClarifyDataFrameException e = Assert.Throws<ClarifyDataFrameException>(() => FrameMerger.Check(
            new WritePoint[] { new("ok", Start, 1), new("bad key", Start, 1), new("ok", Start, double.PositiveInfinity) }));

        Assert.Equal(2, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("\"bad key\"", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("Infinity", StringComparison.Ordinal));
    }
}
