using System.Text.Json.Serialization;

namespace Clarify.Typed.Rpc;

/// <summary>
/// The JSON-RPC response envelope as <see cref="ClarifyClient"/> reads it: the id is ours, so it
/// is read as a number (<see cref="JsonRpcId"/>) rather than kept as a JSON document, and
/// <c>jsonrpc</c> is skipped. Users' own interfaces get the public <see cref="JsonRpcResponse{TResult}"/>.
/// </summary>
/// <typeparam name="TResult">The method's result.</typeparam>
internal sealed class RpcResponse<TResult>
    where TResult : class
{
    /// <summary>The id of the request this answers.</summary>
    [JsonConverter(typeof(JsonRpcIdConverter))]
    public JsonRpcId Id { get; set; }

    /// <summary>The result, when the call succeeded.</summary>
    public TResult? Result { get; set; }

    /// <summary>The error, when the call failed.</summary>
    public JsonRpcError? Error { get; set; }
}
