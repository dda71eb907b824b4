using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Diagnostics;
using Clarify.Typed.Inserts;
using Clarify.Typed.Models;
using Refit;

namespace Clarify.Typed.Rpc;

/// <summary>Every JSON-RPC method <see cref="ClarifyClient"/> calls, described once (see <see cref="RpcMethod{TParams, TResult}"/>).</summary>
internal static class ClarifyRpcCalls
{
    public static readonly RpcMethod<InsertCall, InsertResult> Insert = new InsertMethod();

    public static readonly RpcMethod<SaveSignalsParams, SaveSignalsResult> SaveSignals = new(
        ClarifyRpcMethods.SaveSignals, static (api, request, ct) => api.SaveSignalsAsync(request, ct));

    public static readonly RpcMethod<SelectSignalsParams, Selection<List<Resource<SignalAttributes>>>> SelectSignals = new(
        ClarifyRpcMethods.SelectSignals, static (api, request, ct) => api.SelectSignalsAsync(request, ct));

    public static readonly RpcMethod<PublishSignalsParams, PublishSignalsResult> PublishSignals = new(
        ClarifyRpcMethods.PublishSignals, static (api, request, ct) => api.PublishSignalsAsync(request, ct));

    public static readonly RpcMethod<SelectItemsParams, Selection<List<Resource<ItemAttributes>>>> SelectItems = new(
        ClarifyRpcMethods.SelectItems, static (api, request, ct) => api.SelectItemsAsync(request, ct));

    public static readonly RpcMethod<DataFrameParams, Selection<DataFrame>> DataFrame = new(
        ClarifyRpcMethods.DataFrame, static (api, request, ct) => api.DataFrameAsync(request, ct));

    public static readonly RpcMethod<EvaluateParams, Selection<DataFrame>> Evaluate = new(
        ClarifyRpcMethods.Evaluate, static (api, request, ct) => api.EvaluateAsync(request, ct));

    public static readonly RpcMethod<ConnectSignalsParams, Selection<List<Resource<SignalAttributes>>>> ConnectSignals = new(
        ClarifyRpcMethods.ConnectSignals, static (api, request, ct) => api.ConnectSignalsAsync(request, ct));

    public static readonly RpcMethod<DisconnectSignalsParams, Selection<List<Resource<SignalAttributes>>>> DisconnectSignals = new(
        ClarifyRpcMethods.DisconnectSignals, static (api, request, ct) => api.DisconnectSignalsAsync(request, ct));

    /// <summary><c>integration.insert</c>, whose body is the chunk's rows streamed into the envelope (<see cref="InsertRequestContent"/>).</summary>
    private sealed class InsertMethod() : RpcMethod<InsertCall, InsertResult>(ClarifyRpcMethods.Insert, null)
    {
        public override async Task<IApiResponse<JsonRpcResponse<InsertResult>>> SendAsync(IClarifyRpcApi api, long id, InsertCall parameters, CancellationToken cancellationToken)
        {
            using var content = new InsertRequestContent(id, parameters.Integration, parameters.Frame, parameters.Chunk);
            parameters.Metrics.InsertChunkSent();
            return await api.InsertAsync(content, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>One <c>integration.insert</c> call: a chunk of a frame's rows, and where to count it.</summary>
internal readonly record struct InsertCall(string Integration, DataFrame Frame, InsertChunk Chunk, ClarifyMetrics Metrics);
