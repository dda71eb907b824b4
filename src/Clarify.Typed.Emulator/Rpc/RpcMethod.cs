using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Clarify.Typed.Emulator.Rpc;

/// <summary>
/// A JSON-RPC method as some API versions serve it: its handler, and Clarify's rate limit for it
/// (shared by every version of the method, since Clarify counts requests per method).
/// </summary>
internal sealed record RpcMethod(string Name, int RequestsPerSecond, Func<RpcCall, JsonNode> Handler, IReadOnlyList<string> Versions);
