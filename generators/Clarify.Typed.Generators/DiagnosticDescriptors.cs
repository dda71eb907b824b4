using System.Collections.Generic;
using Clarify.Typed.Credentials;
using Clarify.Typed.Signals;
using Microsoft.CodeAnalysis;

namespace Clarify.Typed.Generators
{
    /// <summary>
    /// Every diagnostic the generators and analyzers report: CLARIFY0xx for credentials files,
    /// CLARIFY10x for <c>[ClarifySignals]</c> types, CLARIFY12x for calls checked by analyzers.
    /// Each has a section in docs/diagnostics.md and a line in AnalyzerReleases.Unshipped.md.
    /// Messages of the rules shared with the runtime library use the formats in
    /// <see cref="CredentialRules"/> and <see cref="SignalKeyRules"/>.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        public const string Category = "Clarify.Credentials";

        public const string SignalsCategory = "Clarify.Signals";

        public const string UsageCategory = "Clarify.Usage";

        public static readonly DiagnosticDescriptor InvalidJson = Error(
            "CLARIFY001", "The credentials file is not valid JSON", "The credentials file is not valid JSON: {0}");

        public static readonly DiagnosticDescriptor MissingProperty = Error(
            "CLARIFY002", "A required credentials value is missing", CredentialRules.MissingValueFormat);

        public static readonly DiagnosticDescriptor WrongType = Error(
            "CLARIFY003", "A credentials value has the wrong JSON type", CredentialRules.WrongTypeFormat);

        public static readonly DiagnosticDescriptor ApiUrlNotHttp = Error(
            "CLARIFY004", "The api URL is not an absolute http(s) URL", CredentialRules.ApiUrlNotHttpFormat);

        public static readonly DiagnosticDescriptor ApiUrlInsecure = Error(
            "CLARIFY005", "The api URL uses plain http for a remote host", CredentialRules.ApiUrlInsecureFormat);

        public static readonly DiagnosticDescriptor UnknownCredentialsType = Error(
            "CLARIFY006", "Unknown credentials type", CredentialRules.UnknownCredentialsTypeFormat);

        public static readonly DiagnosticDescriptor EmptyValue = Error(
            "CLARIFY007", "A credentials value is empty", CredentialRules.EmptyValueFormat);

        public static readonly DiagnosticDescriptor Placeholder = Error(
            "CLARIFY008", "A credentials value is still a template placeholder", CredentialRules.PlaceholderFormat);

        public static readonly DiagnosticDescriptor UnknownProperty = Warning(
            "CLARIFY009", "Unknown property in the credentials file", CredentialRules.UnknownPropertyFormat);

        public static readonly DiagnosticDescriptor DuplicateProperty = Error(
            "CLARIFY010", "A property appears twice", CredentialRules.DuplicatePropertyFormat);

        public static readonly DiagnosticDescriptor IntegrationIdFormat = Warning(
            "CLARIFY011", "The integration id does not look like a Clarify id", CredentialRules.IntegrationIdFormatFormat);

        public static readonly DiagnosticDescriptor DuplicateClass = Error(
            "CLARIFY012", "Two credentials files generate the same class",
            "This credentials file generates the class '{0}', which '{1}' generates too: give one of them other ClarifyClassName or ClarifyNamespace metadata");

        public static readonly DiagnosticDescriptor InvalidMetadata = Error(
            "CLARIFY013", "Invalid credentials file metadata",
            "The {0} metadata of this credentials file is '{1}', which is not {2}");

        public static readonly DiagnosticDescriptor InvalidSecretMode = Error(
            "CLARIFY014", "Invalid secret mode",
            "The {0} metadata of this credentials file is '{1}', which is not {2}");

        public static readonly DiagnosticDescriptor EmptyFile = Error(
            "CLARIFY015", "The credentials file is empty or unreadable",
            "The credentials file {0}: download it again from the Integration tab of Clarify's admin UI");

        public static readonly DiagnosticDescriptor InternalError = Error(
            "CLARIFY016", "The credentials generator failed",
            "The credentials generator could not process this file ({0}: {1}); please report this at https://github.com/clarify-typed/clarify-typed/issues");

        public static readonly DiagnosticDescriptor InvalidInputKey = SignalsError(
            "CLARIFY101", "Invalid input key",
            "Input key {0} is invalid: " + SignalKeyRules.InputKeyAdvice + " (" + FormatText(SignalKeyRules.InputKeyPattern) + ")");

        public static readonly DiagnosticDescriptor DuplicateInputKey = SignalsError(
            "CLARIFY102", "Duplicate input key",
            "Input key '{0}' is already the key of '{1}': give '{2}' an input key of its own");

        public static readonly DiagnosticDescriptor InvalidLabel = SignalsError(
            "CLARIFY103", "Invalid signal label",
            "Label {0} is invalid: {1}");

        public static readonly DiagnosticDescriptor UnsupportedSignalType = SignalsError(
            "CLARIFY104", "Unsupported signal property",
            "'{0}' cannot be a Clarify signal: {1}");

        public static readonly DiagnosticDescriptor InvalidDuration = SignalsError(
            "CLARIFY105", "Invalid ISO 8601 duration",
            "{0} {1} is not a positive ISO 8601 duration: write it like PT1M, PT30S, PT1H30M or P1D");

        public static readonly DiagnosticDescriptor TypeNotPartial = SignalsError(
            "CLARIFY106", "A signals type is not partial",
            "'{0}' must be declared partial so the generator can add its signals: write 'partial {1} {0}'");

        public static readonly DiagnosticDescriptor DuplicateEnumValue = SignalsError(
            "CLARIFY107", "An enum signal has two members with one value",
            "'{0}' and '{1}' of enum '{2}' both have the value {3}, and an enum signal keeps one text per value: give each member its own value");

        public static readonly DiagnosticDescriptor NotReadable = SignalsWarning(
            "CLARIFY108", "A signals type cannot be created from its signals",
            "ReadRows cannot create '{0}': {1}");

        public static readonly DiagnosticDescriptor SignalsInternalError = SignalsError(
            "CLARIFY109", "The signals generator failed",
            "The signals generator could not process this type ({0}: {1}); please report this at https://github.com/clarify-typed/clarify-typed/issues");

        // The input key rule's pattern holds "{1,128}", so it and the advice are message arguments, never part of the format.
        public static readonly DiagnosticDescriptor InvalidConstantInputKey = Create(
            "CLARIFY120", "A constant input key breaks Clarify's input key rule",
            "\"{0}\" is not a valid input key: {1} ({2}); Clarify rejects it at run time",
            DiagnosticSeverity.Warning, UsageCategory);

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = Index(
            InvalidJson, MissingProperty, WrongType, ApiUrlNotHttp, ApiUrlInsecure, UnknownCredentialsType, EmptyValue, Placeholder,
            UnknownProperty, DuplicateProperty, IntegrationIdFormat, DuplicateClass, InvalidMetadata, InvalidSecretMode, EmptyFile, InternalError,
            InvalidInputKey, DuplicateInputKey, InvalidLabel, UnsupportedSignalType, InvalidDuration, TypeNotPartial, DuplicateEnumValue, NotReadable,
            SignalsInternalError, InvalidConstantInputKey);

        public static IEnumerable<DiagnosticDescriptor> All => ById.Values;

        public static DiagnosticDescriptor Get(string id) => ById[id];

        /// <summary>Text inside a message format, its braces doubled so they are not read as placeholders.</summary>
        private static string FormatText(string text) => text.Replace("{", "{{").Replace("}", "}}");

        private static DiagnosticDescriptor Error(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Error, Category);

        private static DiagnosticDescriptor Warning(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Warning, Category);

        private static DiagnosticDescriptor SignalsError(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Error, SignalsCategory);

        private static DiagnosticDescriptor SignalsWarning(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Warning, SignalsCategory);

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string category) => new(
            id,
            title,
            message,
            category,
            severity,
            isEnabledByDefault: true,
            helpLinkUri: "https://github.com/clarify-typed/clarify-typed/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant());

        private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
        {
            var index = new Dictionary<string, DiagnosticDescriptor>();
            foreach (DiagnosticDescriptor descriptor in descriptors)
            {
                index.Add(descriptor.Id, descriptor);
            }

            return index;
        }
    }
}
