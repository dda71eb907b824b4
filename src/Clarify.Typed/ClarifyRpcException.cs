using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using Clarify.Typed.Rpc;

namespace Clarify.Typed;

/// <summary>
/// Clarify answered a JSON-RPC call with an error. <see cref="Code"/> says what kind; the
/// parameter problems, invalid resources and partial result are kept as sent.
/// </summary>
public sealed class ClarifyRpcException : ClarifyException
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoParams = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Creates the exception from a JSON-RPC error.</summary>
    /// <param name="method">The method that was called.</param>
    /// <param name="error">The error the server returned.</param>
    public ClarifyRpcException(string method, JsonRpcError error)
        : base(Describe(method, error))
    {
        ArgumentNullException.ThrowIfNull(error);
        Method = method;
        Code = (ClarifyRpcErrorCode)error.Code;
        ServerMessage = error.Message ?? string.Empty;
        Trace = error.Data?.Trace;
        Params = error.Data?.Params?.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.ToArray()) ?? NoParams;
        InvalidResources = error.Data?.InvalidResources?.ToArray() ?? [];
        PartialResult = error.Data?.PartialResult;
        DataText = error.Data?.Text;
    }

    /// <summary>The method that failed, e.g. <c>integration.insert</c>.</summary>
    public string Method { get; }

    /// <summary>The error code; codes Clarify adds later keep their number.</summary>
    public ClarifyRpcErrorCode Code { get; }

    /// <summary>The message as the server wrote it.</summary>
    public string ServerMessage { get; }

    /// <summary>The server trace id, for Clarify support.</summary>
    public string? Trace { get; }

    /// <summary>Problems per parameter path.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Params { get; }

    /// <summary>Resources the server reported invalid.</summary>
    public IReadOnlyList<InvalidResource> InvalidResources { get; }

    /// <summary>What the server completed before a partial failure (<see cref="ClarifyRpcErrorCode.PartialFailure"/>).</summary>
    public JsonElement? PartialResult { get; }

    /// <summary>
    /// The error's <c>data</c> when the server sent something other than an object (JSON-RPC 2.0
    /// allows any value): a string as it is, a number, boolean or array as its JSON text; null
    /// when <c>data</c> was an object (see <see cref="Trace"/>, <see cref="Params"/>...) or absent.
    /// </summary>
    public string? DataText { get; }

    private static string Describe(string method, JsonRpcError error)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Clarify rejected {method} with error {error.Code} ({Name(error.Code)}): {error.Message}");
        if (error.Data?.Params is { Count: > 0 } problems)
        {
            foreach (KeyValuePair<string, List<string>> problem in problems)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine} - params.{problem.Key}: {string.Join("; ", problem.Value)}");
            }
        }

        if (error.Data?.Text is { } dataText)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine} - data: {ClarifyHttpException.Excerpt(dataText)}");
        }

        foreach (InvalidResource resource in error.Data?.InvalidResources ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine} - {resource.Type} {resource.Id}: {resource.Message}");
        }

        string? advice = Advice((ClarifyRpcErrorCode)error.Code);
        if (advice is not null)
        {
            text.Append(Environment.NewLine).Append(advice);
        }

        if (error.Data?.Trace is { Length: > 0 } trace)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}Trace: {trace}");
        }

        return text.ToString();
    }

    private static string Name(int code) =>
        Enum.IsDefined((ClarifyRpcErrorCode)code) ? ((ClarifyRpcErrorCode)code).ToString() : "unknown code";

    private static string? Advice(ClarifyRpcErrorCode code) => code switch
    {
        ClarifyRpcErrorCode.InvalidParams => "Fix the parameters listed above.",
        ClarifyRpcErrorCode.MethodNotFound => "Check the method name and the X-API-Version header it needs.",
        ClarifyRpcErrorCode.Forbidden => "Give the integration access to this method or resource in Clarify's admin UI.",
        ClarifyRpcErrorCode.TryAgain => "The server is busy: retry later.",
        ClarifyRpcErrorCode.PartialFailure => "Part of the request succeeded; see PartialResult.",
        _ => null,
    };
}
