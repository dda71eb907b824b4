using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using Clarify.Typed.Diagnostics;
using Clarify.Typed.Inserts;
using Clarify.Typed.Models;

namespace Clarify.Typed.Rpc;

/// <summary>Every JSON-RPC method <see cref="ClarifyClient"/> calls, described once (see <see cref="RpcMethod{TParams, TResult}"/>).</summary>
internal static class ClarifyRpcCalls
{
    private static ClarifyJsonContext Json => ClarifyJsonContext.Default;

    private static readonly ReadRpcResult<Selection<List<Resource<SignalAttributes>>>> Signals =
        static (ref Utf8JsonReader reader) => RpcResultReaders.ReadSelection(ref reader, Json.ListResourceSignalAttributes);

    private static readonly ReadRpcResult<Selection<DataFrame>> DataFrameSelection =
        static (ref Utf8JsonReader reader) => RpcResultReaders.ReadSelection(ref reader, Json.DataFrame);

    public static readonly RpcMethod<InsertCall, InsertResult> Insert = new InsertMethod();

    public static readonly RpcMethod<SaveSignalsParams, SaveSignalsResult> SaveSignals = new(
        ClarifyRpcMethods.SaveSignals, Json.SaveSignalsParams, static (ref Utf8JsonReader reader) => RpcResultReaders.Read(ref reader, Json.SaveSignalsResult), static (api, body, ct) => api.SaveSignalsAsync(body, ct));

    public static readonly RpcMethod<SelectSignalsParams, Selection<List<Resource<SignalAttributes>>>> SelectSignals = new(
        ClarifyRpcMethods.SelectSignals, Json.SelectSignalsParams, Signals, static (api, body, ct) => api.SelectSignalsAsync(body, ct));

    public static readonly RpcMethod<PublishSignalsParams, PublishSignalsResult> PublishSignals = new(
        ClarifyRpcMethods.PublishSignals, Json.PublishSignalsParams, static (ref Utf8JsonReader reader) => RpcResultReaders.Read(ref reader, Json.PublishSignalsResult), static (api, body, ct) => api.PublishSignalsAsync(body, ct));

    public static readonly RpcMethod<SelectItemsParams, Selection<List<Resource<ItemAttributes>>>> SelectItems = new(
        ClarifyRpcMethods.SelectItems, Json.SelectItemsParams, static (ref Utf8JsonReader reader) => RpcResultReaders.ReadSelection(ref reader, Json.ListResourceItemAttributes), static (api, body, ct) => api.SelectItemsAsync(body, ct));

    public static readonly RpcMethod<DataFrameParams, Selection<DataFrame>> DataFrame = new(
        ClarifyRpcMethods.DataFrame, Json.DataFrameParams, DataFrameSelection, static (api, body, ct) => api.DataFrameAsync(body, ct));

    public static readonly RpcMethod<EvaluateParams, Selection<DataFrame>> Evaluate = new(
        ClarifyRpcMethods.Evaluate, Json.EvaluateParams, DataFrameSelection, static (api, body, ct) => api.EvaluateAsync(body, ct));

    public static readonly RpcMethod<ConnectSignalsParams, Selection<List<Resource<SignalAttributes>>>> ConnectSignals = new(
        ClarifyRpcMethods.ConnectSignals, Json.ConnectSignalsParams, Signals, static (api, body, ct) => api.ConnectSignalsAsync(body, ct));

    public static readonly RpcMethod<DisconnectSignalsParams, Selection<List<Resource<SignalAttributes>>>> DisconnectSignals = new(
        ClarifyRpcMethods.DisconnectSignals, Json.DisconnectSignalsParams, Signals, static (api, body, ct) => api.DisconnectSignalsAsync(body, ct));

    /// <summary><c>integration.insert</c>, whose body is the chunk's rows streamed into the envelope (<see cref="InsertRequestContent"/>).</summary>
    private sealed class InsertMethod() : RpcMethod<InsertCall, InsertResult>(
        ClarifyRpcMethods.Insert, null, static (ref Utf8JsonReader reader) => RpcResultReaders.Read(ref reader, Json.InsertResult), static (api, body, ct) => api.InsertAsync(body, ct))
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
