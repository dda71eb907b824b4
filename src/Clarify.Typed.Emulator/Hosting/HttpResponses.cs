using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Clarify.Typed.Emulator.Hosting;

/// <summary>Writes the emulator's HTTP responses.</summary>
internal static class HttpResponses
{
    public static Task Json(HttpContext context, int statusCode, JsonNode body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    /// <summary>An OAuth 2.0 error body (RFC 6749 §5.2): <c>{error, error_description}</c>.</summary>
    public static Task OAuthError(HttpContext context, int statusCode, string error, string description) =>
        Json(context, statusCode, new JsonObject { ["error"] = error, ["error_description"] = description });

    /// <summary>Answers with an injected fault if one is pending for this endpoint; true when it did.</summary>
    public static async Task<bool> TryInjectFault(HttpContext context, InjectedFault? fault, EmulatorState state, string endpoint)
    {
        if (fault is null)
        {
            return false;
        }

        Log.FaultInjected(state.Logger, fault.StatusCode, endpoint);
        if (fault.RetryAfter is TimeSpan retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await OAuthError(context, fault.StatusCode, "too_many_requests", "Rate limit exceeded (injected by the emulator's Faults)").ConfigureAwait(false);
        }
        else
        {
            await OAuthError(context, fault.StatusCode, "server_error", "Failure injected by the emulator's Faults").ConfigureAwait(false);
        }

        return true;
    }
}
