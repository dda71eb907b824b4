using System.Text.Json.Nodes;
using Clarify.Typed.Emulator.Store;

namespace Clarify.Typed.Emulator.Rpc;

/// <summary>One JSON-RPC call being served: its params, the store and the integration the caller authenticated as.</summary>
internal sealed class RpcCall
{
    public RpcCall(EmulatorStore store, string integrationId, JsonObject parameters)
    {
        Store = store;
        IntegrationId = integrationId;
        Params = parameters;
    }

    public EmulatorStore Store { get; }

    public string IntegrationId { get; }

    public JsonObject Params { get; }

    public ParamReader Reader { get; } = new();

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
