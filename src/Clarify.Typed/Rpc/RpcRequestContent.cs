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
    /// One buffer and JSON writer per thread: a writer is ~200 bytes of state that would otherwise
    /// be allocated per call; each body leaves with the buffer's rented array (<see cref="PooledBufferWriter.Detach"/>).
    /// Serialising never awaits, so no other call can use them meanwhile.
    /// </summary>
    [ThreadStatic]
    private static EnvelopeWriter? t_writer;

    /// <summary>The body's bytes in an array rented from the shared pool, returned when the content is disposed.</summary>
    private byte[]? _rented;
    private readonly int _length;

    private RpcRequestContent(ArraySegment<byte> body)
    {
        _rented = body.Array;
        _length = body.Count;
        Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
    }

    private ReadOnlyMemory<byte> Body => _rented.AsMemory(0, _length);

    private static ReadOnlySpan<byte> EnvelopeStart => """{"jsonrpc":"2.0","id":"""u8;

    /// <summary>Writes <c>{"jsonrpc":"2.0","id":</c>id<paramref name="methodAndParamsKey"/>parameters<c>}</c>.</summary>
    /// <param name="id">The request id.</param>
    /// <param name="methodAndParamsKey">The method's part of the envelope: <c>,"method":"…","params":</c>.</param>
    /// <param name="parameters">The method's parameters.</param>
    /// <param name="parametersInfo">Their source-generated metadata.</param>
    public static RpcRequestContent Create<TParams>(long id, ReadOnlySpan<byte> methodAndParamsKey, TParams parameters, JsonTypeInfo<TParams> parametersInfo)
    {
        EnvelopeWriter envelope = t_writer ??= new EnvelopeWriter();
        PooledBufferWriter body = envelope.Body;
        body.Clear();
        body.Write(EnvelopeStart);
        Utf8Formatter.TryFormat(id, body.GetSpan(20), out int digits);
        body.Advance(digits);
        body.Write(methodAndParamsKey);
        envelope.Json.Reset();
        JsonSerializer.Serialize(envelope.Json, parameters, parametersInfo);
        body.Write("}"u8);
        return new RpcRequestContent(body.Detach());
    }

    /// <summary>A thread's buffer and the JSON writer bound to it.</summary>
    private sealed class EnvelopeWriter
    {
        public EnvelopeWriter() => Json = new Utf8JsonWriter(Body);

        public PooledBufferWriter Body { get; } = new(InitialCapacity);

        public Utf8JsonWriter Json { get; }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(Body).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(Body, cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(Body.Span);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        // Once only, however often it is disposed: a second return would hand the array to two renters.
        if (disposing && Interlocked.Exchange(ref _rented, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        base.Dispose(disposing);
    }
}
