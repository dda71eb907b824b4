using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Refit;

namespace Clarify.Typed.Rpc;

/// <summary>
/// Turns what came back for a call into its result or into the typed exception that says what
/// went wrong: the one place that maps transport, HTTP, envelope and JSON-RPC errors.
/// </summary>
internal static class JsonRpcResponseReader
{
    /// <summary>What a body buffer starts at: most results are small; it grows from the pool for the rest.</summary>
    private const int BodyBufferSize = 4096;

    /// <summary>
    /// The exception for a request that got no response: the handlers' own typed errors (the
    /// authentication handler's: token endpoint refusals, 401 after a fresh token) as they are,
    /// since they already say what to fix and wrapped would read as "Clarify could not be reached";
    /// anything else as a <see cref="ClarifyHttpException"/> without status.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void ThrowNotReceived(string method, Exception exception)
    {
        // Refit's exception holds the request message and its Authorization header: keep only its cause.
        Exception cause = exception is ApiExceptionBase { InnerException: { } inner } ? inner : exception;
        if (cause is ClarifyException typed)
        {
            ExceptionDispatchInfo.Throw(typed);
        }

        throw new ClarifyHttpException(method, null, null, cause);
    }

    public static async ValueTask<TResult> ReadAsync<TResult>(
        string method, long id, HttpResponseMessage response, ReadRpcResult<TResult> readResult, CancellationToken cancellationToken)
        where TResult : class
    {
        Envelope<TResult> envelope;
        if (!response.IsSuccessStatusCode)
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new ClarifyHttpException(method, response.StatusCode, text) { RetryAfter = RetryAfter(response.Headers) };
        }

        // The whole body first, into an array from the shared pool, then one synchronous read of
        // it: a selection's levels are read by hand (RpcResultReaders), which needs them whole.
        // A local array rather than a PooledBufferWriter: that would be one more object per call,
        // and the call's bytes are a measured budget (docs/benchmarks.md, section 1b).
        byte[] body = ArrayPool<byte>.Shared.Rent(BodyBufferSize);
        try
        {
            int length = 0;
            try
            {
                Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    int read;
                    while ((read = await stream.ReadAsync(body.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        length += read;
                        if (length == body.Length)
                        {
                            byte[] larger = ArrayPool<byte>.Shared.Rent(body.Length * 2);
                            body.CopyTo(larger, 0);
                            ArrayPool<byte>.Shared.Return(body);
                            body = larger;
                        }
                    }
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                // The connection failed while the body was arriving.
                throw new ClarifyHttpException(method, null, null, exception);
            }

            envelope = ReadEnvelope(body.AsSpan(0, length), readResult);
        }
        catch (JsonException exception)
        {
            throw new ClarifyProtocolException(method, "the body is not a JSON-RPC response.", exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }

        if (!envelope.IsObject)
        {
            throw new ClarifyProtocolException(method, "the body is not a JSON-RPC response.");
        }

        if (!envelope.Id.Matches(id))
        {
            throw new ClarifyProtocolException(method, $"its id is {envelope.Id} but the request's id was {id}.");
        }

        if (envelope.Error is not null)
        {
            throw new ClarifyRpcException(method, envelope.Error);
        }

        return envelope.Result ?? throw new ClarifyProtocolException(method, "it has neither a result nor an error.");
    }

    /// <summary>
    /// Reads <c>{"id":…,"result":…,"error":…}</c>: the id as ours (<see cref="JsonRpcId"/>), the result
    /// by the method's reader, the error with its metadata; <c>jsonrpc</c> and unknown members are
    /// skipped, the last of repeated members wins, and nothing may follow the object, as with a
    /// serialiser-read envelope. A body of <c>null</c> is no object.
    /// </summary>
    private static Envelope<TResult> ReadEnvelope<TResult>(ReadOnlySpan<byte> json, ReadRpcResult<TResult> readResult)
        where TResult : class
    {
        // A serialiser reading the stream skips a UTF-8 byte order mark; so does this.
        var reader = new Utf8JsonReader(json.StartsWith(Utf8ByteOrderMark) ? json[Utf8ByteOrderMark.Length..] : json);
        if (!reader.Read())
        {
            throw new JsonException("The body is empty.");
        }

        var envelope = default(Envelope<TResult>);
        if (reader.TokenType == JsonTokenType.Null)
        {
            ExpectEnd(ref reader);
            return envelope;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A JSON-RPC response must be a JSON object, not {reader.TokenType}.");
        }

        envelope.IsObject = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                envelope.Id = JsonRpcId.Read(ref reader);
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                envelope.Result = readResult(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                envelope.Error = RpcResultReaders.Read(ref reader, ClarifyJsonContext.Default.JsonRpcError);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        ExpectEnd(ref reader);
        return envelope;
    }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static void ExpectEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"The JSON-RPC response is followed by {reader.TokenType}.");
        }
    }

    /// <summary>What a response said, before it is checked.</summary>
    private struct Envelope<TResult>
        where TResult : class
    {
        public bool IsObject;
        public JsonRpcId Id;
        public TResult? Result;
        public JsonRpcError? Error;
    }

    /// <summary>
    /// The server's <c>Retry-After</c> as a delay: the seconds form as it is, the date form measured
    /// from the response's own <c>Date</c>, so neither clock skew nor the local clock matters.
    /// </summary>
    private static TimeSpan? RetryAfter(HttpResponseHeaders headers) => headers.RetryAfter switch
    {
        { Delta: TimeSpan delta } => delta,
        { Date: DateTimeOffset until } when headers.Date is DateTimeOffset sent => until - sent,
        _ => null,
    };
}
