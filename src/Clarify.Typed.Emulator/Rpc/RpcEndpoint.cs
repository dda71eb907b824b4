using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Emulator.Authentication;
using Clarify.Typed.Emulator.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Clarify.Typed.Emulator.Rpc;

/// <summary>
/// <c>POST {apiUrl}rpc</c>: authentication, the JSON-RPC 2.0 envelope, <c>X-API-Version</c>,
/// the request size limit and the per-method rate limits, then the method itself.
/// </summary>
internal static class RpcEndpoint
{
    public const string ApiVersionHeader = "X-API-Version";

    public static async Task HandleAsync(HttpContext context, EmulatorState state)
    {
        // A slow answer's timer starts before the request is counted, so whoever sees it counted
        // and then moves a fake clock on also moves this timer on.
        Task slowAnswer = state.Faults.RpcDelay is { Ticks: > 0 } delay
            ? Task.Delay(delay, state.Options.TimeProvider, context.RequestAborted)
            : Task.CompletedTask;
        state.Counters.RpcRequest();
        await slowAnswer.ConfigureAwait(false);

        if (await HttpResponses.TryInjectFault(context, state.Faults.TakeRpcFault(), state, "rpc").ConfigureAwait(false))
        {
            return;
        }

        string version = context.Request.Headers[ApiVersionHeader].ToString() is { Length: > 0 } asked ? asked : ApiVersions.Default;
        context.Response.Headers[ApiVersionHeader] = version;
        string trace = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        context.Response.Headers["traceparent"] = $"00-{trace}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}-01";

        if (await RpcAuthenticator.RefusalAsync(context, state).ConfigureAwait(false) is string refusal)
        {
            Log.RpcRefused(state.Logger, 401, refusal);
            context.Response.Headers.WWWAuthenticate = RpcAuthenticator.Challenge(state, refusal);
            await HttpResponses.OAuthError(context, 401, "invalid_token", refusal).ConfigureAwait(false);
            return;
        }

        if (!IsJson(context.Request.ContentType))
        {
            await Refuse(context, state, 415, trace, "Content-Type must be application/json").ConfigureAwait(false);
            return;
        }

        byte[]? body = await ReadBodyAsync(context.Request, state.Options.MaxRequestBodySize).ConfigureAwait(false);
        if (body is null)
        {
            await Refuse(context, state, 413, trace, $"Request body is larger than {state.Options.MaxRequestBodySize} bytes").ConfigureAwait(false);
            return;
        }

        JsonNode? request;
        try
        {
            request = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            await Reply(context, null, Error(RpcErrorCodes.ParseError, "Parse error: " + e.Message, trace, null)).ConfigureAwait(false);
            return;
        }

        await ServeAsync(context, state, request, version, trace).ConfigureAwait(false);
    }

    private static async Task ServeAsync(HttpContext context, EmulatorState state, JsonNode? request, string version, string trace)
    {
        if (request is not JsonObject envelope)
        {
            string why = request is JsonArray ? "batch requests are not supported; send one request per HTTP request" : "the request must be a JSON object";
            await Reply(context, null, Error(RpcErrorCodes.InvalidRequest, "Invalid request: " + why, trace, null)).ConfigureAwait(false);
            return;
        }

        bool isNotification = !envelope.TryGetPropertyValue("id", out JsonNode? id);
        string? problem =
            envelope["jsonrpc"]?.GetValueKind() != JsonValueKind.String || envelope["jsonrpc"]!.GetValue<string>() != "2.0" ? "jsonrpc must be \"2.0\""
            : envelope["method"]?.GetValueKind() != JsonValueKind.String ? "method must be a string"
            : id?.GetValueKind() is not (null or JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null) ? "id must be a string, a number or null"
            : envelope["params"] is not (null or JsonObject) ? "params must be an object"
            : null;
        id = id?.DeepClone();
        if (problem is not null)
        {
            await Reply(context, isNotification ? null : id, Error(RpcErrorCodes.InvalidRequest, "Invalid request: " + problem, trace, null), isNotification).ConfigureAwait(false);
            return;
        }

        string name = envelope["method"]!.GetValue<string>();
        JsonObject parameters = (JsonObject?)envelope["params"]?.DeepClone() ?? [];
        JsonObject response = await InvokeAsync(context, state, name, parameters, version, trace).ConfigureAwait(false);
        await Reply(context, id, response, isNotification).ConfigureAwait(false);
    }

    /// <summary>Runs one method and returns the <c>result</c> or <c>error</c> member of the response.</summary>
    private static async Task<JsonObject> InvokeAsync(HttpContext context, EmulatorState state, string name, JsonObject parameters, string version, string trace)
    {
        if (!RpcMethods.TryResolve(name, version, out RpcMethod? method, out string? problem))
        {
            return Error(RpcErrorCodes.MethodNotFound, problem, trace, null);
        }

        // Counted, limited and logged under the emulator's spelling, however the client spelled it.
        name = method.Name;
        state.Counters.Method(name);
        if (state.Options.EnforceRateLimits)
        {
            TimeSpan? wait = state.RateLimiter.Reserve(name, method.RequestsPerSecond);
            if (wait is null)
            {
                Log.RpcServed(state.Logger, name, "try again: rate limit queue full");
                return Error(RpcErrorCodes.TryAgain, $"Try again: more {name} requests are queued than the rate limit of {method.RequestsPerSecond}/s serves in {MethodRateLimiter.MaxQueueTime.TotalSeconds} s", trace, null);
            }

            if (wait > TimeSpan.Zero)
            {
                Log.RpcQueued(state.Logger, name, wait.Value.TotalMilliseconds);
                using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, state.Stopping);

                // The timer is started before the request counts as queued, so whoever sees it
                // queued and then moves a fake clock on also moves this timer on.
                Task turn = Task.Delay(wait.Value, state.Options.TimeProvider, waiting.Token);
                state.Counters.EnterQueue();
                try
                {
                    await turn.ConfigureAwait(false);
                }
                finally
                {
                    state.Counters.LeaveQueue();
                }
            }
        }

        try
        {
            JsonNode result;
            lock (state.Store.Gate)
            {
                result = method.Handler(new RpcCall(state.Store, state.Options.IntegrationId, parameters, version) { RejectedInputKeys = state.Faults.RejectedInputKeys });
            }

            Log.RpcServed(state.Logger, name, "ok");
            return new JsonObject { ["result"] = result };
        }
        catch (RpcException e)
        {
            Log.RpcServed(state.Logger, name, $"error {e.Code} {e.Message}");
            return Error(e.Code, e.Message, trace, e.Params);
        }
#pragma warning disable CA1031 // A bug in a method must reach the client as -32603, not as a dropped connection.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.RpcCrashed(state.Logger, e, name);
            return Error(RpcErrorCodes.InternalError, $"Internal error in the emulator's {name}: {e.Message}", trace, null);
        }
    }

    private static JsonObject Error(int code, string message, string trace, IReadOnlyDictionary<string, List<string>>? parameters)
    {
        var data = new JsonObject { ["trace"] = trace };
        if (parameters is not null)
        {
            var byPath = new JsonObject();
            foreach ((string path, List<string> messages) in parameters)
            {
                byPath[path] = new JsonArray([.. messages.ConvertAll(m => (JsonNode?)m)]);
            }

            data["params"] = byPath;
        }

        return new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["data"] = data } };
    }

    private static Task Reply(HttpContext context, JsonNode? id, JsonObject outcome, bool isNotification = false)
    {
        if (isNotification)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        return HttpResponses.Json(context, 200, Envelope(id, outcome));
    }

    private static JsonObject Envelope(JsonNode? id, JsonObject outcome)
    {
        var response = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id };
        foreach ((string key, JsonNode? value) in outcome)
        {
            response[key] = value?.DeepClone();
        }

        return response;
    }

    /// <summary>A transport-level refusal: a non-2xx status whose body is still a JSON-RPC error, for clients that read it.</summary>
    private static Task Refuse(HttpContext context, EmulatorState state, int status, string trace, string message)
    {
        Log.RpcRefused(state.Logger, status, message);
        return HttpResponses.Json(context, status, Envelope(null, Error(RpcErrorCodes.InvalidRequest, "Invalid request: " + message, trace, null)));
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? type) && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The body, or null when it exceeds <paramref name="limit"/> bytes (checked while reading, not only by Content-Length).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
