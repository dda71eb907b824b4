using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Clarify.Typed.Models;

namespace Clarify.Typed.Rpc;

/// <summary>Reads a method's <c>result</c> member; the reader stands on its first token.</summary>
/// <typeparam name="TResult">The method's result.</typeparam>
internal delegate TResult? ReadRpcResult<TResult>(ref Utf8JsonReader reader);

/// <summary>
/// The readers of results. System.Text.Json allocates a stack of ~470 bytes for every
/// deserialisation that meets a nested object, and every selection is nested
/// (<c>{"meta":{"format":{…}},"data":[…]}</c>): a selection's own levels are therefore read by hand,
/// each part below them with its source-generated metadata, so a call pays that stack only when
/// its <c>data</c> or <c>included</c> holds resources. What a property of these types means on the
/// wire is still their metadata's: tests compare both readers on the same JSON.
/// </summary>
internal static class RpcResultReaders
{
    /// <summary>
    /// A value read with its source-generated metadata where the reader stands, by the metadata's
    /// converter: <c>JsonSerializer.Deserialize(ref reader, …)</c> would first scan the value to its
    /// end and then read it a second time. A token of the wrong kind is a <see cref="JsonException"/>,
    /// as from the serialiser's own entry points, which wrap what the reader throws.
    /// </summary>
    public static T? Read<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> info)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        try
        {
            return ((JsonConverter<T>)info.Converter).Read(ref reader, typeof(T), info.Options);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            throw new JsonException(exception.Message, exception);
        }
    }

    /// <summary>A selection: <c>meta</c> by hand, <c>data</c> with <paramref name="dataInfo"/>, <c>included</c> with its metadata.</summary>
    public static Selection<TData>? ReadSelection<TData>(ref Utf8JsonReader reader, JsonTypeInfo<TData> dataInfo)
        where TData : class
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectObject(ref reader, "A selection");
        var selection = new Selection<TData>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("meta"u8))
            {
                reader.Read();
                selection.Meta = ReadSelectionMeta(ref reader);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                selection.Data = Read(ref reader, dataInfo);
            }
            else if (reader.ValueTextEquals("included"u8))
            {
                reader.Read();
                selection.Included = Read(ref reader, ClarifyJsonContext.Default.IncludedResources);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return selection;
    }

    private static SelectionMeta? ReadSelectionMeta(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectObject(ref reader, "A selection's meta");
        var meta = new SelectionMeta();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("total"u8))
            {
                reader.Read();
                meta.Total = reader.TokenType == JsonTokenType.Null ? null : ReadInt64(ref reader, "A selection's total");
            }
            else if (reader.ValueTextEquals("format"u8))
            {
                reader.Read();
                meta.Format = ReadSelectionFormat(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return meta;
    }

    private static SelectionFormat? ReadSelectionFormat(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectObject(ref reader, "A selection's format");
        var format = new SelectionFormat();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("dataAsArray"u8))
            {
                reader.Read();
                format.DataAsArray = ReadBoolean(ref reader, "dataAsArray");
            }
            else if (reader.ValueTextEquals("groupIncludedByType"u8))
            {
                reader.Read();
                format.GroupIncludedByType = ReadBoolean(ref reader, "groupIncludedByType");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return format;
    }

    private static long ReadInt64(ref Utf8JsonReader reader, string what) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value)
            ? value
            : throw new JsonException($"{what} must be a whole number, not {reader.TokenType}.");

    private static bool ReadBoolean(ref Utf8JsonReader reader, string what) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new JsonException($"{what} must be true or false, not {reader.TokenType}."),
    };

    private static void ExpectObject(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"{what} must be a JSON object, not {reader.TokenType}.");
        }
    }
}
