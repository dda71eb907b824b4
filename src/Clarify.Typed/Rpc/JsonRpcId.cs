using System;
using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clarify.Typed.Rpc;

/// <summary>
/// The <c>id</c> of a JSON-RPC response to one of our requests, whose ids are numbers: kept as a
/// <see cref="long"/>, so the usual answer costs no allocation. A string id matches when it is the
/// number's text, as JSON-RPC servers may echo ids as strings; anything else never matches and
/// keeps its JSON text for the error message.
/// </summary>
internal readonly struct JsonRpcId
{
    private readonly long _number;
    private readonly bool _isNumber;
    private readonly string? _text;
    private readonly string? _json;

    public JsonRpcId(long number, bool isNumber, string? text, string? json)
    {
        _number = number;
        _isNumber = isNumber;
        _text = text;
        _json = json;
    }

    /// <summary>Whether this answers the request with id <paramref name="requestId"/>.</summary>
    public bool Matches(long requestId) => _isNumber
        ? _number == requestId
        : _text is not null && _text == requestId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads an id from any JSON value: a number, a string, or something a server should not send.</summary>
    public static JsonRpcId Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out long number):
                // The JSON text is kept only when it is not the number's plain form (e.g. -0 read as 0).
                Span<byte> plain = stackalloc byte[20];
                bool isPlain = !reader.HasValueSequence
                    && Utf8Formatter.TryFormat(number, plain, out int written)
                    && plain[..written].SequenceEqual(reader.ValueSpan);
                return new JsonRpcId(number, isNumber: true, text: null, json: isPlain ? null : Source(ref reader));
            case JsonTokenType.String:
                return new JsonRpcId(0, isNumber: false, reader.GetString(), "\"" + Source(ref reader) + "\"");
            default:
                using (JsonDocument value = JsonDocument.ParseValue(ref reader))
                {
                    return new JsonRpcId(0, isNumber: false, text: null, json: value.RootElement.GetRawText());
                }
        }
    }

    /// <summary>The id's JSON text as received, or <c>missing</c>.</summary>
    public override string ToString() => _json ?? (_isNumber ? _number.ToString(CultureInfo.InvariantCulture) : "missing");

    /// <summary>The token's text as received (a string's without its quotes, escapes kept).</summary>
    private static string Source(ref Utf8JsonReader reader) =>
        Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
}
