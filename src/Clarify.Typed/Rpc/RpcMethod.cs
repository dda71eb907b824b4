using System;
using System.Threading;
using System.Threading.Tasks;
using Refit;

namespace Clarify.Typed.Rpc;

/// <summary>
/// One JSON-RPC method as <see cref="RpcCaller"/> calls it, described once: its name and the Refit
/// method that sends it (a static lambda), so a call allocates no closure or delegate to say what to send.
/// </summary>
/// <typeparam name="TParams">What the caller passes for one call.</typeparam>
/// <typeparam name="TResult">The method's result.</typeparam>
internal class RpcMethod<TParams, TResult>
    where TResult : class
{
    private readonly Func<IClarifyRpcApi, JsonRpcRequest<TParams>, CancellationToken, Task<IApiResponse<JsonRpcResponse<TResult>>>>? _send;

    /// <param name="name">The JSON-RPC method name.</param>
    /// <param name="send">The Refit method that posts the envelope; null when <see cref="SendAsync"/> is overridden.</param>
    public RpcMethod(string name, Func<IClarifyRpcApi, JsonRpcRequest<TParams>, CancellationToken, Task<IApiResponse<JsonRpcResponse<TResult>>>>? send)
    {
        Name = name;
        _send = send;
    }

    /// <summary>The JSON-RPC method name, e.g. <c>clarify.selectItems</c>.</summary>
    public string Name { get; }

    /// <summary>Sends one call with request id <paramref name="id"/>.</summary>
    public virtual Task<IApiResponse<JsonRpcResponse<TResult>>> SendAsync(IClarifyRpcApi api, long id, TParams parameters, CancellationToken cancellationToken) =>
        (_send ?? throw new InvalidOperationException($"{Name} has no Refit method."))(api, new JsonRpcRequest<TParams>(id, Name, parameters), cancellationToken);
}
