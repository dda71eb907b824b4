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
[JsonSerializable(typeof(InsertResult))]
[JsonSerializable(typeof(SaveSignalsResult))]
[JsonSerializable(typeof(PublishSignalsResult))]
[JsonSerializable(typeof(List<Resource<SignalAttributes>>))]
[JsonSerializable(typeof(List<Resource<ItemAttributes>>))]
[JsonSerializable(typeof(IncludedResources))]
[JsonSerializable(typeof(JsonRpcError))]
// The typed selections as a whole: read by hand on calls (RpcResultReaders), kept here so tests can compare both readers.
[JsonSerializable(typeof(Selection<List<Resource<SignalAttributes>>>))]
[JsonSerializable(typeof(Selection<List<Resource<ItemAttributes>>>))]
[JsonSerializable(typeof(Selection<DataFrame>))]
[JsonSerializable(typeof(JsonRpcErrorData))]
[JsonSerializable(typeof(DataFrame))]
[JsonSerializable(typeof(ResourceFilter))]
[JsonSerializable(typeof(DataQuery))]
internal sealed partial class ClarifyJsonContext : JsonSerializerContext
{
}
