using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace Clarify.Typed.Models;

/// <summary>
/// Reads ISO 8601 durations (<c>PT1H</c>) and, as older SDKs send them, numbers of seconds;
/// writes ISO 8601.
/// </summary>
internal sealed class IsoDurationJsonConverter : JsonConverter<TimeSpan?>
{
    public override bool HandleNull => true;

    public override TimeSpan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => TimeSpan.FromSeconds(reader.GetDouble()),
        JsonTokenType.String => Parse(reader.GetString()!),
        _ => throw new JsonException("A duration must be an ISO 8601 text such as PT1H."),
    };

    public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options)
    {
        if (value is TimeSpan duration)
        {
            writer.WriteStringValue(XmlConvert.ToString(duration));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static TimeSpan Parse(string text)
    {
        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException e)
        {
            throw new JsonException($"\"{text}\" is not an ISO 8601 duration.", e);
        }
    }
}

/// <summary>Reads <c>{"data": null | {type, id} | [{type, id}...]}</c>.</summary>
internal sealed class RelationshipJsonConverter : JsonConverter<Relationship>
{
    public override Relationship? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var data = new List<ResourceIdentifier>();
        bool toMany = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isData = reader.ValueTextEquals("data");
            reader.Read();
            if (!isData)
            {
                reader.Skip();
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                toMany = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    data.Add(ReadIdentifier(ref reader));
                }
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                data.Add(ReadIdentifier(ref reader));
            }
        }

        return new Relationship(data, toMany);
    }

    public override void Write(Utf8JsonWriter writer, Relationship value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("data");
        if (value.IsToMany)
        {
            writer.WriteStartArray();
        }

        foreach (ResourceIdentifier identifier in value.Data)
        {
            writer.WriteStartObject();
            writer.WriteString("type", identifier.Type);
            writer.WriteString("id", identifier.Id);
            writer.WriteEndObject();
        }

        if (value.IsToMany)
        {
            writer.WriteEndArray();
        }
        else if (value.Data.Count == 0)
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }

    private static ResourceIdentifier ReadIdentifier(ref Utf8JsonReader reader)
    {
        string type = string.Empty;
        string id = string.Empty;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (name == "type")
            {
                type = reader.GetString() ?? string.Empty;
            }
            else if (name == "id")
            {
                id = reader.GetString() ?? string.Empty;
            }
            else
            {
                reader.Skip();
            }
        }

        return new ResourceIdentifier { Type = type, Id = id };
    }
}

/// <summary>Writes enum members the way Clarify spells them: <c>StateSeconds</c> as <c>state-seconds</c>.</summary>
internal sealed class KebabCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public KebabCaseEnumConverter()
        : base(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    {
    }
}
