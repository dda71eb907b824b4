using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Clarify.Typed.Inserts;

namespace Clarify.Typed.Models;

/// <summary>
/// Reads and writes <c>{"times": [...], "series": {key: [...]}}</c>. Writing goes through
/// <see cref="DataFrameRowWriter"/>, the one place that decides the bytes of a row.
/// </summary>
internal sealed class DataFrameJsonConverter : JsonConverter<DataFrame>
{
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

    public override void Write(Utf8JsonWriter writer, DataFrame value, JsonSerializerOptions options) =>
        DataFrameRowWriter.WriteFrame(writer, value, 0, value.RowCount);
}
