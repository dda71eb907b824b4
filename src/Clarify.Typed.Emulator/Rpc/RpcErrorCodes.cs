namespace Clarify.Typed.Emulator.Rpc;

/// <summary>The JSON-RPC error codes Clarify uses.</summary>
internal static class RpcErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerError = -32000;
    public const int Forbidden = -32003;
    public const int Conflict = -32009;
    public const int TryAgain = -32015;
}
