using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// How a dead letter's error is kept in the file: the exception's type and message, and for a
/// <see cref="ClarifyRpcException"/> the JSON-RPC error as Clarify sent it, so it reads back as
/// itself (code, trace, per-parameter problems).
/// </summary>
internal static class StoredErrors
{
    public static (string Type, string Message, string? RpcMethod, string? RpcError) Save(ClarifyException error)
    {
        if (error is not ClarifyRpcException rpc)
        {
            return (error.GetType().FullName ?? error.GetType().Name, error.Message, null, null);
        }

        var data = new JsonRpcErrorData
        {
            Trace = rpc.Trace,
            Params = rpc.Params.Count == 0 ? null : rpc.Params.ToDictionary(p => p.Key, p => p.Value.ToList()),
            InvalidResources = rpc.InvalidResources.Count == 0 ? null : rpc.InvalidResources.ToList(),
            PartialResult = rpc.PartialResult,
            Text = rpc.DataText,
        };
        bool hasData = data.Trace is not null || data.Params is not null || data.InvalidResources is not null || data.PartialResult is not null || data.Text is not null;
        var saved = new JsonRpcError { Code = (int)rpc.Code, Message = rpc.ServerMessage, Data = hasData ? data : null };
        return (error.GetType().FullName!, error.Message, rpc.Method, JsonSerializer.Serialize(saved, StoredErrorJson.Default.JsonRpcError));
    }

    public static ClarifyException Load(string type, string message, string? rpcMethod, string? rpcError)
    {
        if (rpcMethod is not null && rpcError is not null
            && JsonSerializer.Deserialize(rpcError, StoredErrorJson.Default.JsonRpcError) is JsonRpcError error)
        {
            return new ClarifyRpcException(rpcMethod, error);
        }

        return new ClarifyStoredErrorException(type, message);
    }
}

[JsonSerializable(typeof(JsonRpcError))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class StoredErrorJson : JsonSerializerContext;
