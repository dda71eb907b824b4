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

namespace Clarify.Typed.Rpc;

/// <summary>
/// The body of one <c>integration.insert</c> call over some rows of a frame, written straight to
/// the request stream (never as one string or byte array), with an exact Content-Length.
/// </summary>
internal sealed class InsertRequestContent : HttpContent, IReplayableContent
{
    private const int FlushThreshold = 16 * 1024;

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
        using var counter = new CountingStream();
        using (var writer = new Utf8JsonWriter(counter))
        {
            foreach (int unused in WriteEnvelope(writer, id, integration, frame, new InsertChunk(0, 0, 0), int.MaxValue))
            {
                _ = unused;
            }
        }

        return counter.Length;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(stream);
        foreach (int unused in WriteEnvelope(writer, _id, _integration, _frame, _chunk, FlushThreshold))
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var writer = new Utf8JsonWriter(stream);
        foreach (int unused in WriteEnvelope(writer, _id, _integration, _frame, _chunk, FlushThreshold))
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Flush();
        }

        writer.Flush();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = EmptyEnvelopeBytes(_id, _integration, _frame) + _chunk.RowBytes;
        return true;
    }

    private static IEnumerable<int> WriteEnvelope(Utf8JsonWriter writer, long id, string integration, DataFrame frame, InsertChunk chunk, int flushThreshold)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WriteNumber("id", id);
        writer.WriteString("method", ClarifyRpcMethods.Insert);
        writer.WriteStartObject("params");
        writer.WriteString("integration", integration);
        writer.WritePropertyName("data");
        foreach (int row in DataFrameJsonConverter.WriteRows(writer, frame, chunk.Start, chunk.Count, flushThreshold))
        {
            yield return row;
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Counts bytes instead of keeping them.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}

/// <summary>Rows <c>[Start, Start + Count)</c> of a frame, and the bytes they add to an empty frame's JSON.</summary>
internal readonly record struct InsertChunk(int Start, int Count, long RowBytes);

/// <summary>Splits an insert by rows so every request stays within the size limit.</summary>
internal static class InsertChunker
{
    /// <summary>Any id the client can send has at most this many digits; sizing with it makes plans independent of the id.</summary>
    private const long WidestId = long.MaxValue;

    /// <summary>Plans the chunks: greedy, in row order, each request at most <paramref name="maxRequestBytes"/>.</summary>
    /// <exception cref="ClarifyRequestTooLargeException">A row does not fit even alone.</exception>
    public static IReadOnlyList<InsertChunk> Plan(string integration, DataFrame frame, long maxRequestBytes)
    {
        long envelope = InsertRequestContent.EmptyEnvelopeBytes(WidestId, integration, frame);
        long separator = 1 + frame.Columns.Count;
        var chunks = new List<InsertChunk>();
        if (frame.RowCount == 0)
        {
            chunks.Add(new InsertChunk(0, 0, 0));
            return chunks;
        }

        int start = 0;
        long bytes = 0;
        for (int row = 0; row < frame.RowCount; row++)
        {
            long rowBytes = DataFrameJsonConverter.RowBytes(frame, row);
            if (envelope + rowBytes > maxRequestBytes)
            {
                throw new ClarifyRequestTooLargeException(row, envelope + rowBytes, maxRequestBytes);
            }

            long grown = row == start ? rowBytes : bytes + separator + rowBytes;
            if (envelope + grown > maxRequestBytes)
            {
                chunks.Add(new InsertChunk(start, row - start, bytes));
                start = row;
                grown = rowBytes;
            }

            bytes = grown;
        }

        chunks.Add(new InsertChunk(start, frame.RowCount - start, bytes));
        return chunks;
    }
}
