using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Inserts;

/// <summary>
/// The body of one <c>integration.insert</c> call over some rows of a frame, written straight to
/// the request stream (never as one string or byte array), with an exact Content-Length: the
/// chunk's rows, formatted once by the planner (<see cref="InsertChunker.Format"/>), inside an
/// empty envelope.
/// </summary>
internal sealed class InsertRequestContent : HttpContent, IReplayableContent
{
    /// <summary>Room for an envelope without rows (the ids and the series keys) in one buffer.</summary>
    private const int EnvelopeCapacity = 4 * 1024;

    private readonly long _id;
    private readonly string _integration;
    private readonly DataFrame _frame;
    private readonly InsertChunk _chunk;

    public InsertRequestContent(long id, string integration, DataFrame frame, InsertChunk chunk)
    {
        _id = id;
        _integration = integration;
        _frame = frame;
        _chunk = chunk;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    /// <summary>The size of the envelope around a frame with the same series but no rows.</summary>
    internal static long EmptyEnvelopeBytes(long id, string integration, DataFrame frame)
    {
        using PooledBufferWriter envelope = WriteEmptyEnvelope(id, integration, frame, null);
        return envelope.WrittenCount;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        FormattedColumns columns = _chunk.Formatted;
        long[] arrayContents = new long[columns.Count];
        using PooledBufferWriter envelope = WriteEmptyEnvelope(_id, _integration, _frame, arrayContents);
        int from = 0;
        for (int column = 0; column < columns.Count; column++)
        {
            await stream.WriteAsync(envelope.WrittenMemory[from..(int)arrayContents[column]], cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(columns.Chunk(column), cancellationToken).ConfigureAwait(false);
            from = (int)arrayContents[column];
        }

        await stream.WriteAsync(envelope.WrittenMemory[from..], cancellationToken).ConfigureAwait(false);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        FormattedColumns columns = _chunk.Formatted;
        long[] arrayContents = new long[columns.Count];
        using PooledBufferWriter envelope = WriteEmptyEnvelope(_id, _integration, _frame, arrayContents);
        int from = 0;
        for (int column = 0; column < columns.Count; column++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stream.Write(envelope.WrittenMemory.Span[from..(int)arrayContents[column]]);
            stream.Write(columns.Chunk(column).Span);
            from = (int)arrayContents[column];
        }

        stream.Write(envelope.WrittenMemory.Span[from..]);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = EmptyEnvelopeBytes(_id, _integration, _frame) + _chunk.RowBytes;
        return true;
    }

    /// <summary>The envelope of the frame without rows, and (when asked) where each of its arrays' contents go.</summary>
    private static PooledBufferWriter WriteEmptyEnvelope(long id, string integration, DataFrame frame, long[]? arrayContents)
    {
        var envelope = new PooledBufferWriter(EnvelopeCapacity);
        using var writer = new Utf8JsonWriter(envelope);
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WriteNumber("id", id);
        writer.WriteString("method", ClarifyRpcMethods.Insert);
        writer.WriteStartObject("params");
        writer.WriteString("integration", integration);
        writer.WritePropertyName("data");
        DataFrameRowWriter.WriteFrame(writer, frame, 0, 0, arrayContents);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return envelope;
    }
}
