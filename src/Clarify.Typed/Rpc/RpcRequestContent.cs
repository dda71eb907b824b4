using System;
using System.Buffers;
using System.Buffers.Text;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.Inserts;

namespace Clarify.Typed.Rpc;

/// <summary>
/// The body of one JSON-RPC call: the envelope's fixed text, written as bytes prepared once per
/// method, around the parameters serialised with their source-generated metadata. It is written
/// once into a pooled buffer when created, so its Content-Length is exact and a replay after a 401
/// sends the same bytes without buffering them again.
/// </summary>
internal sealed class RpcRequestContent : HttpContent, IReplayableContent
{
    /// <summary>What a serialiser-made envelope said (the wire must not change): set once, as text, not parsed per request.</summary>
    private const string JsonContentType = "application/json; charset=utf-8";

    private const int InitialCapacity = 512;

    /// <summary>
    /// One writer per thread, re-pointed at each body: a writer is ~200 bytes of state that would
    /// otherwise be allocated per call. Serialising never awaits, so no other call can use it meanwhile.
    /// </summary>
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly PooledBufferWriter _body;

    private RpcRequestContent(PooledBufferWriter body)
    {
        _body = body;
        Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
    }

    private static ReadOnlySpan<byte> EnvelopeStart => """{"jsonrpc":"2.0","id":"""u8;

    /// <summary>Writes <c>{"jsonrpc":"2.0","id":</c>id<paramref name="methodAndParamsKey"/>parameters<c>}</c>.</summary>
    /// <param name="id">The request id.</param>
    /// <param name="methodAndParamsKey">The method's part of the envelope: <c>,"method":"…","params":</c>.</param>
    /// <param name="parameters">The method's parameters.</param>
    /// <param name="parametersInfo">Their source-generated metadata.</param>
    public static RpcRequestContent Create<TParams>(long id, ReadOnlySpan<byte> methodAndParamsKey, TParams parameters, JsonTypeInfo<TParams> parametersInfo)
    {
        var body = new PooledBufferWriter(InitialCapacity);
        try
        {
            body.Write(EnvelopeStart);
            Utf8Formatter.TryFormat(id, body.GetSpan(20), out int digits);
            body.Advance(digits);
            body.Write(methodAndParamsKey);
            Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(body);
            writer.Reset(body);
            try
            {
                JsonSerializer.Serialize(writer, parameters, parametersInfo);
            }
            finally
            {
                // The writer outlives the call: it must not keep the body's buffer.
                writer.Reset(Stream.Null);
            }

            body.Write("}"u8);
            return new RpcRequestContent(body);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_body.WrittenMemory).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_body.WrittenMemory, cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(_body.WrittenMemory.Span);

    protected override bool TryComputeLength(out long length)
    {
        length = _body.WrittenCount;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }
}
