using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Clarify.Typed.Emulator.Store;

namespace Clarify.Typed.Emulator.Rpc;

/// <summary>One JSON-RPC call being served: its params and API version, the store and the integration the caller authenticated as.</summary>
internal sealed class RpcCall
{
    public RpcCall(EmulatorStore store, string integrationId, JsonObject parameters, string apiVersion = ApiVersions.Default)
    {
        Store = store;
        IntegrationId = integrationId;
        Params = parameters;
        ApiVersion = apiVersion;
    }

    public EmulatorStore Store { get; }

    public string IntegrationId { get; }

    public JsonObject Params { get; }

    /// <summary>The request's <c>X-API-Version</c>; a few params have older names in older versions.</summary>
    public string ApiVersion { get; }

    public ParamReader Reader { get; } = new();

    /// <summary>Input keys that inserts refuse, injected through <see cref="ClarifyEmulatorFaults.RejectInputKey"/>.</summary>
    public IReadOnlySet<string> RejectedInputKeys { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Checks the <c>integration</c> parameter of integration- and admin-namespace methods.</summary>
    public void RequireIntegration()
    {
        string? integration = Reader.String(Params, "integration", string.Empty, required: true);
        if (integration is not null && integration != IntegrationId)
        {
            throw new RpcException(RpcErrorCodes.Forbidden, $"Forbidden: these credentials belong to integration {IntegrationId}, not {integration}");
        }
    }
}
