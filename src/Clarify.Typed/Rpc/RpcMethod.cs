using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Rpc;

/// <summary>
/// One JSON-RPC method as <see cref="RpcCaller"/> calls it, prepared once: its name, its part of the
/// request envelope as bytes, the source-generated metadata of its parameters and response, and
/// the Refit method that sends it. A call then allocates nothing for its description.
/// </summary>
/// <typeparam name="TParams">What the caller passes for one call.</typeparam>
/// <typeparam name="TResult">The method's result.</typeparam>
internal class RpcMethod<TParams, TResult>
    where TResult : class
{
    private readonly byte[] _methodAndParamsKey;
    private readonly JsonTypeInfo<TParams>? _parameters;

    /// <param name="name">The JSON-RPC method name.</param>
    /// <param name="parameters">The parameters' metadata; null when <see cref="CreateBody"/> is overridden.</param>
    /// <param name="response">The response envelope's metadata.</param>
    /// <param name="send">The Refit method that posts the body (a static lambda: no closure per call).</param>
    public RpcMethod(
        string name,
        JsonTypeInfo<TParams>? parameters,
        JsonTypeInfo<RpcResponse<TResult>> response,
        Func<IClarifyRpcApi, HttpContent, CancellationToken, Task<HttpResponseMessage>> send)
    {
        Name = name;
        _parameters = parameters;
        Response = response;
        Send = send;
        _methodAndParamsKey = Encoding.UTF8.GetBytes($",\"method\":\"{JsonEncodedText.Encode(name)}\",\"params\":");
    }

    /// <summary>The JSON-RPC method name, e.g. <c>clarify.selectItems</c>.</summary>
    public string Name { get; }

    /// <summary>The response envelope's metadata.</summary>
    public JsonTypeInfo<RpcResponse<TResult>> Response { get; }

    /// <summary>Posts a body through the method's Refit method.</summary>
    public Func<IClarifyRpcApi, HttpContent, CancellationToken, Task<HttpResponseMessage>> Send { get; }

    /// <summary>The request body for one call.</summary>
    public virtual HttpContent CreateBody(long id, TParams parameters) =>
        RpcRequestContent.Create(id, _methodAndParamsKey, parameters, _parameters ?? throw new InvalidOperationException($"{Name} has no parameter metadata."));
}
