namespace Clarify.Typed;

/// <summary>
/// JSON-RPC error codes: the standard ones and Clarify's own. A code not listed here is kept as
/// its number (cast the enum to <see cref="int"/>).
/// </summary>
public enum ClarifyRpcErrorCode
{
    /// <summary>-32700: the server could not parse the request JSON.</summary>
    ParseError = -32700,

    /// <summary>-32600: the request is not a valid JSON-RPC request.</summary>
    InvalidRequest = -32600,

    /// <summary>-32601: the method does not exist (check the method name and the X-API-Version).</summary>
    MethodNotFound = -32601,

    /// <summary>-32602: the parameters are invalid; see <see cref="ClarifyRpcException.Params"/>.</summary>
    InvalidParams = -32602,

    /// <summary>-32603: an internal JSON-RPC error in the server.</summary>
    InternalError = -32603,

    /// <summary>-32000: a server error.</summary>
    ServerError = -32000,

    /// <summary>-32001: the server produced an invalid resource.</summary>
    ProducedInvalidResource = -32001,

    /// <summary>-32002: the server found an invalid resource; see <see cref="ClarifyRpcException.InvalidResources"/>.</summary>
    FoundInvalidResource = -32002,

    /// <summary>-32003: the integration may not call this method or touch this resource.</summary>
    Forbidden = -32003,

    /// <summary>-32009: the request conflicts with the current state of a resource.</summary>
    Conflict = -32009,

    /// <summary>-32015: the server is busy; try again later.</summary>
    TryAgain = -32015,

    /// <summary>-32021: part of the request failed; see <see cref="ClarifyRpcException.PartialResult"/>.</summary>
    PartialFailure = -32021,
}
