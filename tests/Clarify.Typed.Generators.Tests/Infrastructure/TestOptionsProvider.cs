using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Clarify.Typed.Generators.Tests.Infrastructure;

/// <summary>What MSBuild would pass: per-file metadata as build_metadata.AdditionalFiles.X and the global build properties.</summary>
internal sealed class TestOptionsProvider(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> metadataByPath,
    IReadOnlyDictionary<string, string> globalProperties) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } =
        new DictionaryOptions(Prefix("build_property.", globalProperties));

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        metadataByPath.TryGetValue(textFile.Path, out IReadOnlyDictionary<string, string>? metadata)
            ? new DictionaryOptions(Prefix("build_metadata.AdditionalFiles.", metadata))
            : DictionaryOptions.Empty;

    private static ImmutableDictionary<string, string> Prefix(string prefix, IReadOnlyDictionary<string, string> values)
    {
        ImmutableDictionary<string, string>.Builder builder = ImmutableDictionary.CreateBuilder<string, string>(KeyComparer);
        foreach (KeyValuePair<string, string> pair in values)
        {
            builder[prefix + pair.Key] = pair.Value;
        }

        return builder.ToImmutable();
    }

    private static StringComparer KeyComparer => StringComparer.OrdinalIgnoreCase;

    private sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(ImmutableDictionary<string, string>.Empty);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
