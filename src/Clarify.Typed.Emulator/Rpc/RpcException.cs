using System;
using System.Collections.Generic;

namespace Clarify.Typed.Emulator.Rpc;

/// <summary>A JSON-RPC error to send back; <see cref="Params"/> become <c>data.params</c> (path to messages).</summary>
internal sealed class RpcException : Exception
{
    public RpcException(int code, string message, IReadOnlyDictionary<string, List<string>>? parameters = null)
        : base(message)
    {
        Code = code;
        Params = parameters;
    }

    public int Code { get; }

    public IReadOnlyDictionary<string, List<string>>? Params { get; }

    public static RpcException InvalidParams(string path, string message) =>
        new(RpcErrorCodes.InvalidParams, "Invalid params", new Dictionary<string, List<string>> { [path] = [message] });
}
