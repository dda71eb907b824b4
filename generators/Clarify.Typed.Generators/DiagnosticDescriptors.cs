using System.Collections.Generic;
using Clarify.Typed.Credentials;
using Microsoft.CodeAnalysis;

namespace Clarify.Typed.Generators
{
    /// <summary>
    /// Every diagnostic the generators and analyzers report. Each has a section in
    /// docs/diagnostics.md and a line in AnalyzerReleases.Unshipped.md. Messages of the rules
    /// shared with the runtime library use the formats in <see cref="CredentialRules"/>.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        public const string Category = "Clarify.Credentials";

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

        // The input key rule's pattern holds "{1,128}", so it and the advice are message arguments, never part of the format.
        public static readonly DiagnosticDescriptor InvalidInputKey = Create(
            "CLARIFY120", "A constant input key breaks Clarify's input key rule",
            "\"{0}\" is not a valid input key: {1} ({2}); Clarify rejects it at run time",
            UsageCategory, DiagnosticSeverity.Warning);

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = Index(
            InvalidJson, MissingProperty, WrongType, ApiUrlNotHttp, ApiUrlInsecure, UnknownCredentialsType, EmptyValue, Placeholder,
            UnknownProperty, DuplicateProperty, IntegrationIdFormat, DuplicateClass, InvalidMetadata, InvalidSecretMode, EmptyFile, InternalError,
            InvalidInputKey);

        public static IEnumerable<DiagnosticDescriptor> All => ById.Values;

        public static DiagnosticDescriptor Get(string id) => ById[id];

        private static DiagnosticDescriptor Error(string id, string title, string message) => Create(id, title, message, Category, DiagnosticSeverity.Error);

        private static DiagnosticDescriptor Warning(string id, string title, string message) => Create(id, title, message, Category, DiagnosticSeverity.Warning);

        private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity) => new(
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
