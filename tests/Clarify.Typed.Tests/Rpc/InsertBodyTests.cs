using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Clarify.Typed.Inserts;
using Clarify.Typed.Models;
using FsCheck.Xunit;

namespace Clarify.Typed.Tests.Rpc;

/// <summary>
/// Insert bodies and chunk plans against an oracle that formats every value to count it and
/// writes the body with a plain <see cref="Utf8JsonWriter"/>: what went on the wire before the
/// planner formatted each row once into the chunk's buffers, and what must still go on it.
/// </summary>
public sealed class InsertBodyTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-1.2345678901234567E-300)]
    [InlineData(-1.2345678901234567E+300)]
    [InlineData(-2.2250738585072014E-308)]
    [InlineData(-0.00012345678901234567)]
    [InlineData(-123456789012345.67)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MinValue)]
    public void The_widest_values_fit_the_bound_a_plan_checks_rows_with(double value) =>
        Assert.InRange(OracleText(value).Length, 1, DataFrameRowWriter.MaxValueLength);

    [Property(MaxTest = 3000)]
    public bool No_double_is_wider_than_the_bound(long bits, int mantissa, sbyte exponent) =>
        new[] { BitConverter.Int64BitsToDouble(bits), mantissa * Math.Pow(10, exponent % 20), -Math.BitIncrement(Math.Pow(10, exponent % 18)) / 3 }
            .All(v => OracleText(v).Length <= DataFrameRowWriter.MaxValueLength);

    [Property(MaxTest = 40)]
    public bool Bodies_and_chunks_are_what_formatting_every_value_gives(int seed, byte seriesCount, ushort rowCount, ushort slack)
    {
        var random = new Random(seed);
        DataFrame frame = RandomFrame(random, rows: 1 + (rowCount % 400), series: 1 + (seriesCount % 40));
        long oneRow = OracleEnvelopeBytes(frame) + Enumerable.Range(0, frame.RowCount).Max(r => OracleRowBytes(frame, r));
        long limit = random.Next(3) switch
        {
            0 => oneRow + (slack % 64),
            1 => oneRow + (slack % 20_000),
            _ => long.MaxValue / 2,
        };

        List<(int Start, int Count)> expected = OraclePlan(frame, limit);
        var planned = new List<(int Start, int Count)>();
        bool sameBodies = true;
        foreach (InsertChunk chunk in InsertChunker.Format(TestCredentials.IntegrationId, frame, limit))
        {
            planned.Add((chunk.Start, chunk.Count));
            byte[] oracle = OracleBody(long.MaxValue, frame, chunk.Start, chunk.Count);
            using var content = new InsertRequestContent(long.MaxValue, TestCredentials.IntegrationId, frame, chunk);
            byte[] body = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            byte[] replayed = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            using var synchronous = new MemoryStream();
            content.CopyTo(synchronous, null, default);
            sameBodies &= body.AsSpan().SequenceEqual(oracle) && replayed.AsSpan().SequenceEqual(oracle)
                && synchronous.ToArray().AsSpan().SequenceEqual(oracle)
                && body.Length == content.Headers.ContentLength && body.Length <= limit;
        }

        return planned.SequenceEqual(expected) && sameBodies;
    }

    [Fact]
    public void A_row_too_large_alone_reports_the_bytes_formatting_counts()
    {
        DataFrame frame = new([Start.AddTicks(1234560)], new Dictionary<string, IReadOnlyList<double?>>
        {
            ["a"] = [-1.2345678901234567E-300],
            ["b"] = [0.1 + 0.2],
            ["c"] = [null],
        });
        long needed = OracleEnvelopeBytes(frame) + OracleRowBytes(frame, 0);

        ClarifyRequestTooLargeException error = Assert.Throws<ClarifyRequestTooLargeException>(
            () => InsertChunker.Format(TestCredentials.IntegrationId, frame, needed - 1));

        Assert.Equal(needed, error.RequestBytes);
        Assert.Single(InsertChunker.Format(TestCredentials.IntegrationId, frame, needed));
    }

    private static DataFrame RandomFrame(Random random, int rows, int series)
    {
        DateTimeOffset[] times = Enumerable.Range(0, rows).Select(i => Start.AddTicks((i * 10_000_000L) + random.Next(3) switch
        {
            0 => 0,
            1 => random.Next(10) * 1_000_000L,
            _ => random.Next(10_000_000),
        })).ToArray();
        var columns = Enumerable.Range(0, series).ToDictionary(
            s => $"series/{s}",
            _ => (IReadOnlyList<double?>)times.Select(_ => RandomValue(random)).ToArray());
        return new DataFrame(times, columns);
    }

    private static double? RandomValue(Random random) => random.Next(8) switch
    {
        0 => null,
        1 => double.NaN,
        2 => BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : 0,
        3 => -1.2345678901234567E-300 * random.Next(1, 9),
        4 => random.Next(-1000, 1000),
        5 => Math.Round((random.NextDouble() - 0.5) * 200, random.Next(0, 6)),
        6 => random.NextDouble() * Math.Pow(10, random.Next(-8, 17)),
        _ => 20 + (random.Next(1000) * 0.013),
    };

    private static string OracleText(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "null";

    private static long OracleRowBytes(DataFrame frame, int row) =>
        ClarifyTime.ToText(frame.Times[row]).Length + 2 + frame.Columns.Values.Sum(values => OracleText(values[row] ?? double.NaN).Length);

    private static long OracleEnvelopeBytes(DataFrame frame) => OracleBody(long.MaxValue, frame, 0, 0).Length;

    private static List<(int Start, int Count)> OraclePlan(DataFrame frame, long limit)
    {
        long envelope = OracleEnvelopeBytes(frame);
        var plan = new List<(int Start, int Count)>();
        int start = 0;
        long bytes = 0;
        for (int row = 0; row < frame.RowCount; row++)
        {
            long grown = row == start ? OracleRowBytes(frame, row) : bytes + 1 + frame.Columns.Count + OracleRowBytes(frame, row);
            if (envelope + grown > limit)
            {
                plan.Add((start, row - start));
                start = row;
                grown = OracleRowBytes(frame, row);
            }

            bytes = grown;
        }

        plan.Add((start, frame.RowCount - start));
        return plan;
    }

    /// <summary>The insert body for rows start..start+count, written value by value with the framework's own formatting: independent of the library's row writer.</summary>
    internal static byte[] OracleBody(long id, DataFrame frame, int start, int count)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", id);
            writer.WriteString("method", "integration.insert");
            writer.WriteStartObject("params");
            writer.WriteString("integration", TestCredentials.IntegrationId);
            writer.WriteStartObject("data");
            writer.WriteStartArray("times");
            for (int row = start; row < start + count; row++)
            {
                writer.WriteStringValue(ClarifyTime.ToText(frame.Times[row]));
            }

            writer.WriteEndArray();
            writer.WriteStartObject("series");
            foreach (KeyValuePair<string, double?[]> column in frame.Columns)
            {
                writer.WriteStartArray(column.Key);
                for (int row = start; row < start + count; row++)
                {
                    writer.WriteRawValue(OracleText(column.Value[row] ?? double.NaN));
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
