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
[JsonSerializable(typeof(JsonRpcResponse<InsertResult>))]
[JsonSerializable(typeof(JsonRpcResponse<SaveSignalsResult>))]
[JsonSerializable(typeof(JsonRpcResponse<PublishSignalsResult>))]
[JsonSerializable(typeof(JsonRpcResponse<Selection<List<Resource<SignalAttributes>>>>))]
[JsonSerializable(typeof(JsonRpcResponse<Selection<List<Resource<ItemAttributes>>>>))]
[JsonSerializable(typeof(JsonRpcResponse<Selection<DataFrame>>))]
[JsonSerializable(typeof(JsonRpcErrorData))]
[JsonSerializable(typeof(DataFrame))]
[JsonSerializable(typeof(ResourceFilter))]
[JsonSerializable(typeof(DataQuery))]
internal sealed partial class ClarifyJsonContext : JsonSerializerContext
{
}
