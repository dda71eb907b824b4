using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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
        string method, long id, HttpResponseMessage response, JsonTypeInfo<RpcResponse<TResult>> envelopeInfo, CancellationToken cancellationToken)
        where TResult : class
    {
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new ClarifyHttpException(method, response.StatusCode, body) { RetryAfter = RetryAfter(response.Headers) };
        }

        RpcResponse<TResult>? envelope;
        try
        {
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                envelope = await JsonSerializer.DeserializeAsync(body, envelopeInfo, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException exception)
        {
            throw new ClarifyProtocolException(method, "the body is not a JSON-RPC response.", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // The connection failed while the body was arriving.
            throw new ClarifyHttpException(method, null, null, exception);
        }

        if (envelope is null)
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
