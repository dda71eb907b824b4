using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clarify.Typed.Rpc;

/// <summary>
/// Reads the <c>data</c> member of a JSON-RPC error whatever its type (JSON-RPC 2.0 allows any
/// value, and servers send strings): an object into <see cref="JsonRpcErrorData"/>'s fields,
/// anything else into <see cref="JsonRpcErrorData.Text"/>. The object form is read with the
/// library's own metadata, so it works the same inside a user's <see cref="JsonSerializerContext"/>.
/// </summary>
/// <remarks>
/// Public because a user's source-generated context that serializes <see cref="JsonRpcResponse{TResult}"/>
/// instantiates the converter named on <see cref="JsonRpcError.Data"/> from the user's own assembly.
/// There is no need to use it directly.
/// </remarks>
public sealed class JsonRpcErrorDataConverter : JsonConverter<JsonRpcErrorData>
{
    /// <inheritdoc />
    public override JsonRpcErrorData? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.StartObject => JsonSerializer.Deserialize(ref reader, ClarifyJsonContext.Default.JsonRpcErrorData),
        JsonTokenType.String => new JsonRpcErrorData { Text = reader.GetString() },
        _ => new JsonRpcErrorData { Text = JsonElement.ParseValue(ref reader).GetRawText() },
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, JsonRpcErrorData value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Text is not null)
        {
            writer.WriteStringValue(value.Text);
            return;
        }

        JsonSerializer.Serialize(writer, value, ClarifyJsonContext.Default.JsonRpcErrorData);
    }
}
