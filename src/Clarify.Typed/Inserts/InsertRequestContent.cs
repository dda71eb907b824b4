using System;
using System.Collections.Generic;
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
/// chunk's formatted rows inside an empty envelope when the planner formatted them, else
/// formatted while writing.
/// </summary>
internal sealed class InsertRequestContent : HttpContent, IReplayableContent
{
    private const int FlushThreshold = 16 * 1024;

    /// <summary>Room for a flush's worth of JSON and the value that crossed the threshold.</summary>
    private const int BufferCapacity = 2 * FlushThreshold;

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
        using var buffer = new PooledBufferWriter(BufferCapacity);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            foreach (int unused in WriteEnvelope(writer, id, integration, frame, new InsertChunk(0, 0, 0), int.MaxValue))
            {
                _ = unused;
            }
        }

        return buffer.WrittenMemory.Length;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_chunk.Formatted is { } columns)
        {
            using PooledBufferWriter envelope = WriteEmptyEnvelope(columns, out long[] arrayContents);
            int from = 0;
            for (int column = 0; column < columns.Count; column++)
            {
                await stream.WriteAsync(envelope.WrittenMemory[from..(int)arrayContents[column]], cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync(columns.Chunk(column), cancellationToken).ConfigureAwait(false);
                from = (int)arrayContents[column];
            }

            await stream.WriteAsync(envelope.WrittenMemory[from..], cancellationToken).ConfigureAwait(false);
            return;
        }

        using var buffer = new PooledBufferWriter(BufferCapacity);
        await using var writer = new Utf8JsonWriter(buffer);
        foreach (int unused in WriteEnvelope(writer, _id, _integration, _frame, _chunk, FlushThreshold))
        {
            await FlushAsync(writer, buffer, stream, cancellationToken).ConfigureAwait(false);
        }

        await FlushAsync(writer, buffer, stream, cancellationToken).ConfigureAwait(false);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_chunk.Formatted is { } columns)
        {
            using PooledBufferWriter envelope = WriteEmptyEnvelope(columns, out long[] arrayContents);
            int from = 0;
            for (int column = 0; column < columns.Count; column++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                stream.Write(envelope.WrittenMemory.Span[from..(int)arrayContents[column]]);
                stream.Write(columns.Chunk(column).Span);
                from = (int)arrayContents[column];
            }

            stream.Write(envelope.WrittenMemory.Span[from..]);
            return;
        }

        using var buffer = new PooledBufferWriter(BufferCapacity);
        using var writer = new Utf8JsonWriter(buffer);
        foreach (int unused in WriteEnvelope(writer, _id, _integration, _frame, _chunk, FlushThreshold))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Flush(writer, buffer, stream);
        }

        Flush(writer, buffer, stream);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = EmptyEnvelopeBytes(_id, _integration, _frame) + _chunk.RowBytes;
        return true;
    }

    /// <summary>The envelope of an empty frame, and where each of its arrays' contents go.</summary>
    private PooledBufferWriter WriteEmptyEnvelope(FormattedColumns columns, out long[] arrayContents)
    {
        var envelope = new PooledBufferWriter(BufferCapacity);
        arrayContents = new long[columns.Count];
        using (var writer = new Utf8JsonWriter(envelope))
        {
            foreach (int unused in WriteEnvelope(writer, _id, _integration, _frame, new InsertChunk(0, 0, 0), int.MaxValue, arrayContents))
            {
                _ = unused;
            }
        }

        return envelope;
    }

    private static IEnumerable<int> WriteEnvelope(Utf8JsonWriter writer, long id, string integration, DataFrame frame, InsertChunk chunk, int flushThreshold, long[]? arrayContents = null)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WriteNumber("id", id);
        writer.WriteString("method", ClarifyRpcMethods.Insert);
        writer.WriteStartObject("params");
        writer.WriteString("integration", integration);
        writer.WritePropertyName("data");
        foreach (int row in DataFrameRowWriter.WriteRows(writer, frame, chunk.Start, chunk.Count, flushThreshold, arrayContents))
        {
            yield return row;
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static async Task FlushAsync(Utf8JsonWriter writer, PooledBufferWriter buffer, Stream stream, CancellationToken cancellationToken)
    {
        writer.Flush();
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        buffer.Clear();
    }

    private static void Flush(Utf8JsonWriter writer, PooledBufferWriter buffer, Stream stream)
    {
        writer.Flush();
        stream.Write(buffer.WrittenMemory.Span);
        buffer.Clear();
    }
}
