using System;
using System.Text.Json.Nodes;

namespace Clarify.Typed.Emulator.Rpc;

/// <summary>A JSON-RPC method: its handler, Clarify's rate limit for it, and the API version it needs, if any.</summary>
internal sealed record RpcMethod(string Name, int RequestsPerSecond, Func<RpcCall, JsonNode> Handler, string? RequiredVersion = null);
