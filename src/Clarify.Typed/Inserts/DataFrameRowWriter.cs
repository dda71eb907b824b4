using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Clarify.Typed.Models;

namespace Clarify.Typed.Inserts;

/// <summary>
/// The bytes of a data frame's rows on the wire: the one place that formats a timestamp or a
/// value for an insert, so chunk planning (<see cref="RowBytes"/>) and sending
/// (<see cref="WriteRows"/>) always agree to the byte.
/// </summary>
internal static class DataFrameRowWriter
{
    private const int MaxNumberLength = 32;
    private static readonly byte[] Null = "null"u8.ToArray();

    /// <summary>
    /// Writes rows <paramref name="start"/>..start+count of a frame as a data frame object, pausing
    /// (yielding) whenever the writer holds at least <paramref name="flushThreshold"/> bytes so an
    /// async caller can flush them to the request stream.
    /// </summary>
    public static IEnumerable<int> WriteRows(Utf8JsonWriter writer, DataFrame frame, int start, int count, int flushThreshold)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("times");
        for (int row = start; row < start + count; row++)
        {
            WriteTime(writer, frame.Times[row]);
            if (writer.BytesPending >= flushThreshold)
            {
                yield return row;
            }
        }

        writer.WriteEndArray();
        writer.WriteStartObject("series");
        foreach (KeyValuePair<string, double?[]> column in frame.Columns)
        {
            writer.WriteStartArray(column.Key);
            for (int row = start; row < start + count; row++)
            {
                WriteValue(writer, column.Value[row]);
                if (writer.BytesPending >= flushThreshold)
                {
                    yield return row;
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// The bytes a row adds to a frame's JSON beyond the separators: its quoted timestamp and
    /// one value per series. The frame's JSON with n rows is its empty JSON plus the rows plus
    /// (n - 1) × (1 + series count) commas.
    /// </summary>
    public static long RowBytes(DataFrame frame, int row)
    {
        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        long bytes = ClarifyTime.FormatUtf8(frame.Times[row], buffer) + 2;
        foreach (double?[] values in frame.Columns.Values)
        {
            bytes += FormatValue(values[row], buffer);
        }

        return bytes;
    }

    private static void WriteTime(Utf8JsonWriter writer, DateTimeOffset time)
    {
        Span<byte> buffer = stackalloc byte[ClarifyTime.MaxLength];
        writer.WriteStringValue(buffer[..ClarifyTime.FormatUtf8(time, buffer)]);
    }

    private static void WriteValue(Utf8JsonWriter writer, double? value)
    {
        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        writer.WriteRawValue(buffer[..FormatValue(value, buffer)], skipInputValidation: true);
    }

    private static int FormatValue(double? value, Span<byte> destination)
    {
        if (value is not double number || !double.IsFinite(number))
        {
            // NaN is a gap; infinities never get here because frames reject them.
            Null.CopyTo(destination);
            return Null.Length;
        }

        if (!number.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A number did not fit its buffer.");
        }

        return written;
    }
}
