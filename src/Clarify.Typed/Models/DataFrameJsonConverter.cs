using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clarify.Typed.Models;

/// <summary>
/// Reads and writes <c>{"times": [...], "series": {key: [...]}}</c>. Writing goes through
/// <see cref="WriteRows"/>, the one place that decides the bytes of a row, so insert chunking can
/// measure rows exactly.
/// </summary>
internal sealed class DataFrameJsonConverter : JsonConverter<DataFrame>
{
    private const int MaxNumberLength = 32;
    private static readonly byte[] Null = "null"u8.ToArray();

    public override DataFrame Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A data frame must be a JSON object with times and series.");
        }

        var times = new List<DateTimeOffset>();
        var series = new Dictionary<string, double?[]>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (name == "times" && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    times.Add(reader.GetDateTimeOffset());
                }
            }
            else if (name == "series" && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string key = reader.GetString()!;
                    reader.Read();
                    var values = new List<double?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        values.Add(reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble());
                    }

                    series[key] = values.ToArray();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return new DataFrame(times.ToArray(), series);
    }

    public override void Write(Utf8JsonWriter writer, DataFrame value, JsonSerializerOptions options)
    {
        foreach (int unused in WriteRows(writer, value, 0, value.RowCount, int.MaxValue))
        {
            _ = unused;
        }
    }

    /// <summary>
    /// Writes rows <paramref name="start"/>..start+count of a frame as a data frame object, pausing
    /// (yielding) whenever the writer holds at least <paramref name="flushThreshold"/> bytes so an
    /// async caller can flush them to the request stream.
    /// </summary>
    internal static IEnumerable<int> WriteRows(Utf8JsonWriter writer, DataFrame frame, int start, int count, int flushThreshold)
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
    internal static long RowBytes(DataFrame frame, int row)
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
