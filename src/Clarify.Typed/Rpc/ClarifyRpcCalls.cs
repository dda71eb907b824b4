using System.Collections.Generic;
using System.Net.Http;
using Clarify.Typed.Diagnostics;
using Clarify.Typed.Inserts;
using Clarify.Typed.Models;

namespace Clarify.Typed.Rpc;

/// <summary>Every JSON-RPC method <see cref="ClarifyClient"/> calls, described once (see <see cref="RpcMethod{TParams, TResult}"/>).</summary>
internal static class ClarifyRpcCalls
{
    private static ClarifyJsonContext Json => ClarifyJsonContext.Default;

    public static readonly RpcMethod<InsertCall, InsertResult> Insert = new InsertMethod();

    public static readonly RpcMethod<SaveSignalsParams, SaveSignalsResult> SaveSignals = new(
        ClarifyRpcMethods.SaveSignals, Json.SaveSignalsParams, Json.RpcResponseSaveSignalsResult, static (api, body, ct) => api.SaveSignalsAsync(body, ct));

    public static readonly RpcMethod<SelectSignalsParams, Selection<List<Resource<SignalAttributes>>>> SelectSignals = new(
        ClarifyRpcMethods.SelectSignals, Json.SelectSignalsParams, Json.RpcResponseSelectionListResourceSignalAttributes, static (api, body, ct) => api.SelectSignalsAsync(body, ct));

    public static readonly RpcMethod<PublishSignalsParams, PublishSignalsResult> PublishSignals = new(
        ClarifyRpcMethods.PublishSignals, Json.PublishSignalsParams, Json.RpcResponsePublishSignalsResult, static (api, body, ct) => api.PublishSignalsAsync(body, ct));

    public static readonly RpcMethod<SelectItemsParams, Selection<List<Resource<ItemAttributes>>>> SelectItems = new(
        ClarifyRpcMethods.SelectItems, Json.SelectItemsParams, Json.RpcResponseSelectionListResourceItemAttributes, static (api, body, ct) => api.SelectItemsAsync(body, ct));

    public static readonly RpcMethod<DataFrameParams, Selection<DataFrame>> DataFrame = new(
        ClarifyRpcMethods.DataFrame, Json.DataFrameParams, Json.RpcResponseSelectionDataFrame, static (api, body, ct) => api.DataFrameAsync(body, ct));

    public static readonly RpcMethod<EvaluateParams, Selection<DataFrame>> Evaluate = new(
        ClarifyRpcMethods.Evaluate, Json.EvaluateParams, Json.RpcResponseSelectionDataFrame, static (api, body, ct) => api.EvaluateAsync(body, ct));

    public static readonly RpcMethod<ConnectSignalsParams, Selection<List<Resource<SignalAttributes>>>> ConnectSignals = new(
        ClarifyRpcMethods.ConnectSignals, Json.ConnectSignalsParams, Json.RpcResponseSelectionListResourceSignalAttributes, static (api, body, ct) => api.ConnectSignalsAsync(body, ct));

    public static readonly RpcMethod<DisconnectSignalsParams, Selection<List<Resource<SignalAttributes>>>> DisconnectSignals = new(
        ClarifyRpcMethods.DisconnectSignals, Json.DisconnectSignalsParams, Json.RpcResponseSelectionListResourceSignalAttributes, static (api, body, ct) => api.DisconnectSignalsAsync(body, ct));

    /// <summary><c>integration.insert</c>, whose body is the chunk's rows streamed into the envelope (<see cref="InsertRequestContent"/>).</summary>
    private sealed class InsertMethod() : RpcMethod<InsertCall, InsertResult>(
        ClarifyRpcMethods.Insert, null, Json.RpcResponseInsertResult, static (api, body, ct) => api.InsertAsync(body, ct))
    {
        public override HttpContent CreateBody(long id, InsertCall parameters)
        {
            parameters.Metrics.InsertChunkSent();
            return new InsertRequestContent(id, parameters.Integration, parameters.Frame, parameters.Chunk);
        }
    }
}

/// <summary>One <c>integration.insert</c> call: a chunk of a frame's rows, and where to count it.</summary>
internal readonly record struct InsertCall(string Integration, DataFrame Frame, InsertChunk Chunk, ClarifyMetrics Metrics);
