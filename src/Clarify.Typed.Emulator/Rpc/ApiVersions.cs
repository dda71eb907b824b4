using System;
using System.Collections.Generic;
using System.Linq;

namespace Clarify.Typed.Emulator.Rpc;

/// <summary>
/// The <c>X-API-Version</c> values Clarify takes, oldest first. The beta versions are still sent by
/// official clients (<c>@clarify/api</c> 0.3.0 sends 1.1beta1 and 1.1beta2) with some older
/// parameter shapes, which the methods accept where they differ.
/// </summary>
internal static class ApiVersions
{
    public const string Beta1 = "1.1beta1";
    public const string Beta2 = "1.1beta2";
    public const string Stable = "1.1";
    public const string Alpha = "1.2alpha1";

    /// <summary>What a request without the header gets, as on Clarify.</summary>
    public const string Default = Stable;

    public static IReadOnlyList<string> All { get; } = [Beta1, Beta2, Stable, Alpha];

    public static bool IsKnown(string version) => All.Contains(version, StringComparer.Ordinal);

    /// <summary>1.1beta1 and 1.1beta2, whose signal and item saves named <c>valueType</c> <c>type</c>.</summary>
    public static bool IsBeta(string version) => version is Beta1 or Beta2;

    /// <summary><paramref name="first"/> and every later version.</summary>
    public static IReadOnlyList<string> Since(string first) => All.SkipWhile(v => v != first).ToArray();

    /// <summary>The versions for a message, e.g. <c>1.1beta1, 1.1beta2, 1.1 or 1.2alpha1</c>.</summary>
    public static string Describe(IReadOnlyList<string> versions) =>
        versions.Count == 1 ? versions[0] : string.Join(", ", versions.Take(versions.Count - 1)) + " or " + versions[^1];
}
