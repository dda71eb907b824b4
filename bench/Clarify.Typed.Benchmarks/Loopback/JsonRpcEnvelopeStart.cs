using System;
using System.Text;
using System.Text.Json;

namespace Clarify.Typed.Benchmarks.Loopback;

/// <summary>
/// Reads the top-level <c>id</c> and <c>method</c> of a JSON-RPC request from the start of its
/// body: every client writes them before <c>params</c>, so a server that answers with the
/// right id never has to keep a large body.
/// </summary>
internal static class JsonRpcEnvelopeStart
{
    /// <summary>The longest body prefix searched.</summary>
    public const int PrefixBytes = 512;

    /// <summary>The raw JSON of <c>id</c> (ready to echo) and the <c>method</c>; null for what the prefix does not hold.</summary>
    public static (string? Id, string? Method) Read(ReadOnlySpan<byte> prefix)
    {
        var reader = new Utf8JsonReader(prefix, isFinalBlock: false, state: default);
        string? id = null;
        string? method = null;
        try
        {
            while ((id is null || method is null) && reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                if (reader.ValueTextEquals("id"u8) && reader.Read())
                {
                    id = reader.TokenType == JsonTokenType.String
                        ? JsonSerializer.Serialize(reader.GetString())
                        : Encoding.UTF8.GetString(reader.ValueSpan);
                }
                else if (reader.ValueTextEquals("method"u8) && reader.Read())
                {
                    method = reader.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // A prefix cut inside a token: whatever was found before it is all there is.
        }

        return (id, method);
    }
}
