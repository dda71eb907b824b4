using System.Collections.Generic;
using Clarify.Typed.Emulator.Methods;

namespace Clarify.Typed.Emulator.Rpc;

/// <summary>Every method the emulator serves, with Clarify's rate limit for each.</summary>
internal static class RpcMethods
{
    public const string Alpha = "1.2alpha1";

    public static IReadOnlyDictionary<string, RpcMethod> All { get; } = Index(
    [
        new("integration.insert", 1, IntegrationMethods.Insert),
        new("integration.saveSignals", 1, IntegrationMethods.SaveSignals),
        new("admin.selectSignals", 10, AdminMethods.SelectSignals),
        new("admin.publishSignals", 5, AdminMethods.PublishSignals),
        new("admin.connectSignals", 5, AdminMethods.ConnectSignals, Alpha),
        new("admin.disconnectSignals", 5, AdminMethods.DisconnectSignals, Alpha),
        new("clarify.selectItems", 10, ClarifyMethods.SelectItems),
        new("clarify.dataFrame", 1, ClarifyMethods.DataFrame),
        new("clarify.evaluate", 1, ClarifyMethods.Evaluate),
    ]);

    private static Dictionary<string, RpcMethod> Index(RpcMethod[] methods)
    {
        var index = new Dictionary<string, RpcMethod>(System.StringComparer.Ordinal);
        foreach (RpcMethod method in methods)
        {
            index[method.Name] = method;
        }

        return index;
    }
}
