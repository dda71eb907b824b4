using System;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Refit;

namespace Clarify.Typed.Rpc;

/// <summary>
/// Turns what Refit received for a call into its result or into the typed exception that says
/// what went wrong: the one place that maps transport, HTTP, envelope and JSON-RPC errors.
/// </summary>
internal static class JsonRpcResponseReader
{
    public static TResult Unwrap<TResult>(string method, long id, IApiResponse<JsonRpcResponse<TResult>> response)
        where TResult : class
    {
        // Refit's exception holds the request message and its Authorization header: keep only its
        // body text and its cause, never the exception itself.
        if (!response.IsReceived)
        {
            // Refit wraps whatever the handlers threw. Our own typed errors (the authentication
            // handler's: token endpoint refusals, 401 after a fresh token) already say what to fix;
            // wrapped they would read as "Clarify could not be reached".
            if (response.Error?.InnerException is ClarifyException typed)
            {
                ExceptionDispatchInfo.Throw(typed);
            }

            throw new ClarifyHttpException(method, null, null, response.Error?.InnerException);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ClarifyHttpException(method, response.StatusCode, (response.Error as ApiException)?.Content) { RetryAfter = RetryAfter(response.Headers) };
        }

        if (response.Error is not null || response.Content is not JsonRpcResponse<TResult> envelope)
        {
            throw new ClarifyProtocolException(method, "the body is not a JSON-RPC response.", response.Error?.InnerException);
        }

        if (!IdMatches(envelope.Id, id))
        {
            throw new ClarifyProtocolException(method, $"its id is {envelope.Id.GetRawText()} but the request's id was {id}.");
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

    private static bool IdMatches(JsonElement responseId, long requestId) => responseId.ValueKind switch
    {
        JsonValueKind.Number => responseId.TryGetInt64(out long number) && number == requestId,
        JsonValueKind.String => responseId.GetString() == requestId.ToString(CultureInfo.InvariantCulture),
        _ => false,
    };
}
