using System.Collections.Generic;

namespace Clarify.Typed.Emulator.Rpc;

/// <summary>Collects every invalid parameter of one request, so the client learns all problems at once.</summary>
internal sealed class ParamErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out List<string>? messages))
        {
            _errors[path] = messages = [];
        }

        messages.Add(message);
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new RpcException(RpcErrorCodes.InvalidParams, "Invalid params", _errors);
        }
    }
}
