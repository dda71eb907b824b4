using System;
using System.Threading;
using Clarify.Typed.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Clarify.Typed.Generators
{
    /// <summary>
    /// The pipeline's first step: decides whether an additional file is a credentials file and
    /// copies its text and metadata into a value-equal model, so nothing later holds on to
    /// <see cref="AdditionalText"/> or the options provider.
    /// </summary>
    internal static class InputReader
    {
        public const string ConventionalFileName = "clarify-credentials.json";

        public const string IncludeMetadata = "ClarifyCredentials";
        public const string ClassNameMetadata = "ClarifyClassName";
        public const string NamespaceMetadata = "ClarifyNamespace";
        public const string AccessibilityMetadata = "ClarifyAccessibility";
        public const string SecretModeMetadata = "ClarifySecretMode";
        public const string SecretVariableMetadata = "ClarifySecretVariable";
        public const string RootNamespaceProperty = "build_property.RootNamespace";

        public static CredentialsInput? Read(AdditionalText file, AnalyzerConfigOptionsProvider optionsProvider, CancellationToken cancellationToken)
        {
            AnalyzerConfigOptions options = optionsProvider.GetOptions(file);
            string? include = Metadata(options, IncludeMetadata);
            bool conventional = string.Equals(FileName(file.Path), ConventionalFileName, StringComparison.OrdinalIgnoreCase);
            bool included = include is null ? conventional : string.Equals(include, "true", StringComparison.OrdinalIgnoreCase);
            if (!included)
            {
                return null;
            }

            string? text;
            try
            {
                text = file.GetText(cancellationToken)?.ToString();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Reported as CLARIFY015 by the parser: an unreadable file must not crash the build.
                text = null;
            }

            optionsProvider.GlobalOptions.TryGetValue(RootNamespaceProperty, out string? rootNamespace);
            return new CredentialsInput(
                file.Path,
                text,
                Metadata(options, ClassNameMetadata),
                Metadata(options, NamespaceMetadata),
                string.IsNullOrWhiteSpace(rootNamespace) ? null : rootNamespace!.Trim(),
                Metadata(options, AccessibilityMetadata),
                Metadata(options, SecretModeMetadata),
                Metadata(options, SecretVariableMetadata));
        }

        /// <summary>The file name of a path written with either separator.</summary>
        public static string FileName(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return path.Substring(slash + 1);
        }

        /// <summary>A metadata value, or null when it is unset or blank (MSBuild passes unset metadata as empty).</summary>
        private static string? Metadata(AnalyzerConfigOptions options, string name) =>
            options.TryGetValue("build_metadata.AdditionalFiles." + name, out string? value) && !string.IsNullOrWhiteSpace(value)
                ? value.Trim()
                : null;
    }
}
