using System;

namespace Clarify.Typed.Tests.DependencyInjection;

/// <summary>The six configurable fields of <see cref="ClarifyOptions"/>, in configuration-key order, to compare merges.</summary>
internal static class OptionFields
{
    public static readonly string[] Keys = ["ApiUrl", "Integration", "Name", "Credentials:Type", "Credentials:ClientId", "Credentials:ClientSecret"];

    public static string[] Of(ClarifyOptions options) =>
        [options.ApiUrl.AbsoluteUri, options.IntegrationId, options.Name ?? string.Empty, options.Credential.TypeName, options.Credential.ClientId, options.Credential.ClientSecret];

    /// <summary>The fields of <paramref name="compiled"/> with only <paramref name="key"/> replaced (the api URL normalised to one trailing slash).</summary>
    public static string[] WithOverride(ClarifyOptions compiled, string key, string value)
    {
        string[] fields = Of(compiled);
        fields[Array.IndexOf(Keys, key)] = key == "ApiUrl" ? value.TrimEnd('/') + "/" : value;
        return fields;
    }
}
