using System.Collections.Generic;
using System.Text.Json.Serialization;
using Clarify.Typed.Models;

namespace Clarify.Typed.Rpc;

/// <summary>Compile-time JSON metadata for every type on the wire, so nothing needs reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SaveSignalsParams))]
[JsonSerializable(typeof(PublishSignalsParams))]
[JsonSerializable(typeof(SelectSignalsParams))]
[JsonSerializable(typeof(SelectItemsParams))]
[JsonSerializable(typeof(DataFrameParams))]
[JsonSerializable(typeof(EvaluateParams))]
[JsonSerializable(typeof(ConnectSignalsParams))]
[JsonSerializable(typeof(DisconnectSignalsParams))]
[JsonSerializable(typeof(RpcResponse<InsertResult>))]
[JsonSerializable(typeof(RpcResponse<SaveSignalsResult>))]
[JsonSerializable(typeof(RpcResponse<PublishSignalsResult>))]
[JsonSerializable(typeof(RpcResponse<Selection<List<Resource<SignalAttributes>>>>))]
[JsonSerializable(typeof(RpcResponse<Selection<List<Resource<ItemAttributes>>>>))]
[JsonSerializable(typeof(RpcResponse<Selection<DataFrame>>))]
[JsonSerializable(typeof(JsonRpcErrorData))]
[JsonSerializable(typeof(DataFrame))]
[JsonSerializable(typeof(ResourceFilter))]
[JsonSerializable(typeof(DataQuery))]
internal sealed partial class ClarifyJsonContext : JsonSerializerContext
{
}
