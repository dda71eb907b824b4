using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Benchmarks.Inserts;

/// <summary>
/// The limit for insert serialisation: one <see cref="Utf8JsonWriter"/> loop over plain arrays,
/// flushed to the stream every 16 KiB, writing the same JSON as the library (RFC 3339 UTC
/// times, shortest round-trip numbers, null for gaps) in one request, with no size limit, no
/// chunk planning and no Content-Length.
/// </summary>
internal static class HandWrittenInsertWriter
{
    private const int FlushThreshold = 16 * 1024;

    public static async Task WriteAsync(Stream stream, long id, string integration, InsertData data, CancellationToken cancellationToken = default)
    {
        await using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        writer.WriteNumber("id"u8, id);
        writer.WriteString("method"u8, "integration.insert"u8);
        writer.WriteStartObject("params"u8);
        writer.WriteString("integration"u8, integration);
        writer.WriteStartObject("data"u8);
        writer.WriteStartArray("times"u8);
        foreach (System.DateTimeOffset time in data.Times)
        {
            writer.WriteStringValue(time.UtcDateTime);
            if (writer.BytesPending >= FlushThreshold)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        writer.WriteEndArray();
        writer.WriteStartObject("series"u8);
        for (int s = 0; s < data.Keys.Length; s++)
        {
            writer.WriteStartArray(data.Keys[s]);
            foreach (double? value in data.Values[s])
            {
                if (value is double number)
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    writer.WriteNullValue();
                }

                if (writer.BytesPending >= FlushThreshold)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
