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
        foreach (int row in DataFrameRowWriter.WriteRows(writer, frame, chunk.Start, chunk.Count, flushThreshold))
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
