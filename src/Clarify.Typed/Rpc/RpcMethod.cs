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
/// request envelope as bytes, the source-generated metadata of its parameters, the reader of its result, and
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
    /// <param name="readResult">Reads the response's <c>result</c> member (<see cref="RpcResultReaders"/>; a static lambda).</param>
    /// <param name="send">The Refit method that posts the body (a static lambda: no closure per call).</param>
    public RpcMethod(
        string name,
        JsonTypeInfo<TParams>? parameters,
        ReadRpcResult<TResult> readResult,
        Func<IClarifyRpcApi, HttpContent, CancellationToken, Task<HttpResponseMessage>> send)
    {
        Name = name;
        _parameters = parameters;
        ReadResult = readResult;
        Send = send;
        _methodAndParamsKey = Encoding.UTF8.GetBytes($",\"method\":\"{JsonEncodedText.Encode(name)}\",\"params\":");
    }

    /// <summary>The JSON-RPC method name, e.g. <c>clarify.selectItems</c>.</summary>
    public string Name { get; }

    /// <summary>Reads the response's <c>result</c> member.</summary>
    public ReadRpcResult<TResult> ReadResult { get; }

    /// <summary>Posts a body through the method's Refit method.</summary>
    public Func<IClarifyRpcApi, HttpContent, CancellationToken, Task<HttpResponseMessage>> Send { get; }

    /// <summary>The request body for one call.</summary>
    public virtual HttpContent CreateBody(long id, TParams parameters) =>
        RpcRequestContent.Create(id, _methodAndParamsKey, parameters, _parameters ?? throw new InvalidOperationException($"{Name} has no parameter metadata."));
}
