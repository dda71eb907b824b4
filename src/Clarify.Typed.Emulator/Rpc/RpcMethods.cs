using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Clarify.Typed.Emulator.Methods;

namespace Clarify.Typed.Emulator.Rpc;

/// <summary>
/// Every method the emulator serves, with Clarify's rate limit for each and the API versions that
/// have it. Names are matched without regard to case, as Clarify does: official clients send both
/// <c>integration.insert</c> and <c>integration.Insert</c>.
/// </summary>
internal static class RpcMethods
{
    private static readonly IReadOnlyList<string> All = ApiVersions.All;
    private static readonly IReadOnlyList<string> SinceBeta2 = ApiVersions.Since(ApiVersions.Beta2);
    private static readonly IReadOnlyList<string> AlphaOnly = [ApiVersions.Alpha];

    private static readonly ILookup<string, RpcMethod> ByName = new RpcMethod[]
    {
        new("integration.insert", 1, IntegrationMethods.Insert, All),
        new("integration.saveSignals", 1, IntegrationMethods.SaveSignals, All),

        // 1.1beta1 selected signals with {signals: {...}, items: {include}}, which the emulator does not take.
        new("admin.selectSignals", 10, AdminMethods.SelectSignals, SinceBeta2),
        new("admin.publishSignals", 5, AdminMethods.PublishSignals, All),
        new("admin.connectSignals", 5, AdminMethods.ConnectSignals, AlphaOnly),
        new("admin.disconnectSignals", 5, AdminMethods.DisconnectSignals, AlphaOnly),
        new("clarify.selectItems", 10, Beta1Methods.SelectItems, [ApiVersions.Beta1]),
        new("clarify.selectItems", 10, ClarifyMethods.SelectItems, SinceBeta2),
        new("clarify.dataFrame", 1, ClarifyMethods.DataFrame, All),
        new("clarify.evaluate", 1, ClarifyMethods.Evaluate, All),
    }.ToLookup(m => m.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The method called <paramref name="name"/> (in any case) as <paramref name="version"/> serves it, or why there is none.</summary>
    public static bool TryResolve(string name, string version, [NotNullWhen(true)] out RpcMethod? method, [NotNullWhen(false)] out string? problem)
    {
        method = null;
        if (!ApiVersions.IsKnown(version))
        {
            problem = $"Method not found: {RpcEndpoint.ApiVersionHeader} '{version}' is not an API version; send {ApiVersions.Describe(ApiVersions.All)}";
            return false;
        }

        RpcMethod[] variants = ByName[name].ToArray();
        method = variants.FirstOrDefault(m => m.Versions.Contains(version, StringComparer.Ordinal));
        problem = variants.Length == 0 ? $"Method not found: {name}"
            : method is null ? $"Method not found: {variants[0].Name} needs the header {RpcEndpoint.ApiVersionHeader}: {ApiVersions.Describe(variants.SelectMany(m => m.Versions).ToArray())}"
            : null;
        return method is not null;
    }
}
