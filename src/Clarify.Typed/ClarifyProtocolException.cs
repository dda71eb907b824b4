using System;

namespace Clarify.Typed;

/// <summary>
/// Clarify answered with HTTP success but not with a usable JSON-RPC response (not JSON, a
/// different id, or neither result nor error). Usually the API URL points at something else.
/// </summary>
public sealed class ClarifyProtocolException : ClarifyException
{
    /// <summary>Creates the exception.</summary>
    public ClarifyProtocolException(string method, string problem, Exception? innerException = null)
        : base($"The response to {method} is not a valid JSON-RPC response: {problem} Check that ClarifyOptions.ApiUrl points at the Clarify API.", innerException)
    {
        Method = method;
    }

    /// <summary>The JSON-RPC method that was called.</summary>
    public string Method { get; }
}
