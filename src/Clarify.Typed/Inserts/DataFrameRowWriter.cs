using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Clarify.Typed.Models;

namespace Clarify.Typed.Inserts;

/// <summary>
/// The bytes of a data frame's rows on the wire: the one place that formats a timestamp or a
/// value for an insert, so the planner's formatted rows (<see cref="FormatQuotedTime"/>,
/// <see cref="FormatValue"/>), the row sizes (<see cref="RowBytes"/>) and a frame written whole
/// (<see cref="WriteFrame"/>) always agree to the byte.
/// </summary>
internal static class DataFrameRowWriter
{
    /// <summary>The longest JSON of a timestamp: <c>"yyyy-MM-ddTHH:mm:ss.ffffffZ"</c>.</summary>
    public const int MaxQuotedTimeLength = ClarifyTime.MaxLength + 2;

    /// <summary>The longest shortest round-trip text of a double, e.g. <c>-1.2345678901234567E-300</c> (17 digits at most).</summary>
    public const int MaxValueLength = 24;

    /// <summary>Room for any one formatted cell.</summary>
    public const int MaxCellLength = 32;

    private static readonly byte[] Null = "null"u8.ToArray();

    /// <summary>
    /// Writes rows <paramref name="start"/>..start+count of a frame as a data frame object.
    /// <paramref name="arrayContents"/>, when given, receives where each array's contents start
    /// (times, then each series).
    /// </summary>
    public static void WriteFrame(Utf8JsonWriter writer, DataFrame frame, int start, int count, long[]? arrayContents = null)
    {
        int array = 0;
        writer.WriteStartObject();
        writer.WriteStartArray("times");
        RecordPosition(writer, arrayContents, array++);
        for (int row = start; row < start + count; row++)
        {
            WriteTime(writer, frame.Times[row]);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("series");
        foreach (KeyValuePair<string, double?[]> column in frame.Columns)
        {
            writer.WriteStartArray(column.Key);
            RecordPosition(writer, arrayContents, array++);
            for (int row = start; row < start + count; row++)
            {
                WriteValue(writer, column.Value[row]);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void RecordPosition(Utf8JsonWriter writer, long[]? positions, int index)
    {
        if (positions is not null)
        {
            positions[index] = writer.BytesCommitted + writer.BytesPending;
        }
    }

    /// <summary>
    /// The bytes a row adds to a frame's JSON beyond the separators: its quoted timestamp and
    /// one value per series. The frame's JSON with n rows is its empty JSON plus the rows plus
    /// (n - 1) × (1 + series count) commas.
    /// </summary>
    public static long RowBytes(DataFrame frame, int row)
    {
        Span<byte> buffer = stackalloc byte[MaxCellLength];
        long bytes = FormatQuotedTime(frame.Times[row], buffer);
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
        Span<byte> buffer = stackalloc byte[MaxCellLength];
        writer.WriteRawValue(buffer[..FormatValue(value, buffer)], skipInputValidation: true);
    }

    /// <summary>Writes a timestamp as its JSON string (quoted; it never needs escaping).</summary>
    public static int FormatQuotedTime(DateTimeOffset time, Span<byte> destination)
    {
        destination[0] = (byte)'"';
        int length = 1 + ClarifyTime.FormatUtf8(time, destination[1..]);
        destination[length] = (byte)'"';
        return length + 1;
    }

    /// <summary>Writes a value as its JSON number, or null for a gap.</summary>
    public static int FormatValue(double? value, Span<byte> destination)
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
