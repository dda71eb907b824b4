using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clarify.Typed.Rpc;

/// <summary>A JSON-RPC 2.0 request envelope: one Clarify method call.</summary>
/// <typeparam name="TParams">The method's parameters.</typeparam>
public sealed class JsonRpcRequest<TParams>
{
    /// <summary>Creates the envelope.</summary>
    /// <param name="id">The request id; the response carries the same id.</param>
    /// <param name="method">The method name, e.g. <c>clarify.selectItems</c>.</param>
    /// <param name="params">The method's parameters.</param>
    public JsonRpcRequest(long id, string method, TParams @params)
    {
        Id = id;
        Method = method;
        Params = @params;
    }

    /// <summary>Always <c>2.0</c>.</summary>
    [JsonPropertyName("jsonrpc")]
    [JsonPropertyOrder(-4)]
    public string JsonRpc => "2.0";

    /// <summary>The request id.</summary>
    [JsonPropertyOrder(-3)]
    public long Id { get; }

    /// <summary>The method name.</summary>
    [JsonPropertyOrder(-2)]
    public string Method { get; }

    /// <summary>The method's parameters.</summary>
    [JsonPropertyOrder(-1)]
    public TParams Params { get; }
}

/// <summary>A JSON-RPC 2.0 response envelope: either a result or an error.</summary>
/// <typeparam name="TResult">The method's result.</typeparam>
public sealed class JsonRpcResponse<TResult>
{
    /// <summary>The protocol version, <c>2.0</c>.</summary>
    [JsonPropertyName("jsonrpc")]
    public string? JsonRpc { get; set; }

    /// <summary>The id of the request this answers (a number or a string).</summary>
    public JsonElement Id { get; set; }

    /// <summary>The result, when the call succeeded.</summary>
    public TResult? Result { get; set; }

    /// <summary>The error, when the call failed.</summary>
    public JsonRpcError? Error { get; set; }
}

/// <summary>The <c>error</c> member of a JSON-RPC response.</summary>
public sealed class JsonRpcError
{
    /// <summary>The error code; see <see cref="ClarifyRpcErrorCode"/>.</summary>
    public int Code { get; set; }

    /// <summary>The server's description of the error.</summary>
    public string? Message { get; set; }

    /// <summary>
    /// Clarify's details, when present. JSON-RPC 2.0 allows any value here: an object is read
    /// into the fields of <see cref="JsonRpcErrorData"/>, anything else into <see cref="JsonRpcErrorData.Text"/>.
    /// </summary>
    [JsonConverter(typeof(JsonRpcErrorDataConverter))]
    public JsonRpcErrorData? Data { get; set; }
}

/// <summary>Clarify's details of a JSON-RPC error.</summary>
public sealed class JsonRpcErrorData
{
    /// <summary>The server trace id: quote it when contacting Clarify support.</summary>
    public string? Trace { get; set; }

    /// <summary>Problems per parameter path, e.g. <c>data.series.temp</c>.</summary>
    public Dictionary<string, List<string>>? Params { get; set; }

    /// <summary>Resources the server found or produced invalid.</summary>
    public List<InvalidResource>? InvalidResources { get; set; }

    /// <summary>The part of the result that was produced before a partial failure.</summary>
    public JsonElement? PartialResult { get; set; }

    /// <summary>
    /// The <c>data</c> member when it is not an object: a string as it is, a number, boolean or
    /// array as its JSON text; null when <c>data</c> is an object. Written back as a JSON string.
    /// </summary>
    [JsonIgnore]
    public string? Text { get; set; }
}

/// <summary>A resource reported invalid in a JSON-RPC error.</summary>
public sealed class InvalidResource
{
    /// <summary>The resource id.</summary>
    public string? Id { get; set; }

    /// <summary>The resource type, e.g. <c>signals</c>.</summary>
    public string? Type { get; set; }

    /// <summary>What is wrong.</summary>
    public string? Message { get; set; }

    /// <summary>Problems per field.</summary>
    public Dictionary<string, List<string>>? InvalidFields { get; set; }
}
