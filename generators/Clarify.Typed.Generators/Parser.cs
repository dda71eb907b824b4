using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Clarify.Typed.Credentials;
using Clarify.Typed.Generators.Json;
using Clarify.Typed.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Generators
{
    /// <summary>
    /// Validates one credentials file and its metadata into a class model and diagnostics that
    /// point at the offending JSON token. Never throws except on cancellation.
    /// </summary>
    internal sealed class Parser
    {
        public const string DefaultClassName = "ClarifyCredentials";
        public const string DefaultSecretVariable = "CLARIFY_CLIENT_SECRET";
        public const string EmbeddedMode = "Embedded";
        public const string EnvironmentMode = "Environment";

        private const string NamePath = "name";
        private const string CreatedAtPath = "createdAt";
        private const string TopLevelPath = "(top level)";
        private const string CredentialsPrefix = CredentialRules.CredentialsPath + ".";

        private static readonly string[] TopLevelNames = { CredentialRules.ApiUrlPath, CredentialRules.IntegrationPath, CredentialRules.CredentialsPath, NamePath, CreatedAtPath };
        private static readonly string[] CredentialsNames = { "type", "clientId", "clientSecret" };

        private readonly CredentialsInput _input;
        private readonly List<DiagnosticInfo> _diagnostics = new();
        private SourceText? _text;

        private Parser(CredentialsInput input)
        {
            _input = input;
        }

        public static FileResult Parse(CredentialsInput input, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new Parser(input).Parse();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug here must surface as a diagnostic on the file, never as CS8785 that hides every other output.
                var info = new DiagnosticInfo(
                    DiagnosticDescriptors.InternalError.Id, input.Path, default, default, Args(e.GetType().Name, e.Message));
                return new FileResult(input.Path, null, string.Empty, ImmutableArray.Create(info).ToEquatableArray());
            }
        }

        /// <summary>
        /// Drops a path listed twice, and refuses a second file that would generate a class that
        /// already exists; gives each class a hint name unique without regard to case.
        /// </summary>
        public static ImmutableArray<FileResult> ResolveConflicts(ImmutableArray<FileResult> results)
        {
            var paths = new HashSet<string>(StringComparer.Ordinal);
            var classes = new Dictionary<string, string>(StringComparer.Ordinal);
            var hintNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            ImmutableArray<FileResult>.Builder resolved = ImmutableArray.CreateBuilder<FileResult>(results.Length);
            foreach (FileResult result in results)
            {
                if (!paths.Add(result.Path))
                {
                    continue;
                }

                CredentialsClass? generated = result.Class;
                if (generated is null)
                {
                    resolved.Add(result);
                    continue;
                }

                if (classes.TryGetValue(generated.FullyQualifiedName, out string? firstPath))
                {
                    var clash = new DiagnosticInfo(
                        DiagnosticDescriptors.DuplicateClass.Id, result.Path, default, default, Args(generated.FullyQualifiedName, firstPath));
                    resolved.Add(result with { Class = null, Diagnostics = result.Diagnostics.Items.Add(clash).ToEquatableArray() });
                    continue;
                }

                classes.Add(generated.FullyQualifiedName, result.Path);
                string hintName = generated.DefaultHintName;
                for (int suffix = 2; !hintNames.Add(hintName); suffix++)
                {
                    hintName = generated.DefaultHintName.Substring(0, generated.DefaultHintName.Length - ".g.cs".Length) + "." + suffix + ".g.cs";
                }

                resolved.Add(result with { HintName = hintName });
            }

            return resolved.ToImmutable();
        }

        /// <summary>A class name from a file name: <c>plant-b.credentials.json</c> gives <c>PlantBCredentials</c>.</summary>
        public static string DeriveClassName(string path)
        {
            string fileName = InputReader.FileName(path);
            if (string.Equals(fileName, InputReader.ConventionalFileName, StringComparison.OrdinalIgnoreCase))
            {
                return DefaultClassName;
            }

            if (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                fileName = fileName.Substring(0, fileName.Length - ".json".Length);
            }

            var name = new StringBuilder();
            bool wordStart = true;
            foreach (char c in fileName)
            {
                if (!char.IsLetterOrDigit(c))
                {
                    wordStart = true;
                    continue;
                }

                name.Append(wordStart ? char.ToUpperInvariant(c) : c);
                wordStart = false;
            }

            if (name.Length == 0)
            {
                return DefaultClassName;
            }

            return char.IsDigit(name[0]) ? "_" + name : name.ToString();
        }

        private FileResult Parse()
        {
            ClassShape? shape = ReadMetadata();
            CredentialsClass? generated = ReadFile(shape);
            bool hasErrors = false;
            foreach (DiagnosticInfo diagnostic in _diagnostics)
            {
                hasErrors |= diagnostic.IsError;
            }

            return new FileResult(_input.Path, hasErrors ? null : generated, generated?.DefaultHintName ?? string.Empty, _diagnostics.ToEquatableArray());
        }

        private ClassShape? ReadMetadata()
        {
            string className = _input.ClassName ?? DeriveClassName(_input.Path);
            bool valid = true;
            if (!IsIdentifier(className))
            {
                valid = false;
                ReportMetadata(DiagnosticDescriptors.InvalidMetadata, InputReader.ClassNameMetadata + (_input.ClassName is null ? " (derived from the file name)" : string.Empty), className, "a C# identifier");
            }

            string ns = _input.Namespace ?? _input.RootNamespace ?? string.Empty;
            if (ns.Length > 0 && !IsNamespace(ns))
            {
                valid = false;
                ReportMetadata(DiagnosticDescriptors.InvalidMetadata, _input.Namespace is null ? "RootNamespace" : InputReader.NamespaceMetadata, ns, "a C# namespace such as 'MyCompany.MyApp'");
            }

            bool isPublic = false;
            if (_input.Accessibility is { } accessibility)
            {
                isPublic = string.Equals(accessibility, "public", StringComparison.OrdinalIgnoreCase);
                if (!isPublic && !string.Equals(accessibility, "internal", StringComparison.OrdinalIgnoreCase))
                {
                    valid = false;
                    ReportMetadata(DiagnosticDescriptors.InvalidMetadata, InputReader.AccessibilityMetadata, accessibility, "'public' or 'internal'");
                }
            }

            string? secretVariable = null;
            if (_input.SecretMode is { } mode && !string.Equals(mode, EmbeddedMode, StringComparison.OrdinalIgnoreCase))
            {
                if (!string.Equals(mode, EnvironmentMode, StringComparison.OrdinalIgnoreCase))
                {
                    valid = false;
                    ReportMetadata(DiagnosticDescriptors.InvalidSecretMode, InputReader.SecretModeMetadata, mode, "'" + EmbeddedMode + "' or '" + EnvironmentMode + "'");
                }
                else
                {
                    secretVariable = _input.SecretVariable ?? DefaultSecretVariable;
                    if (!IsVariableName(secretVariable))
                    {
                        valid = false;
                        ReportMetadata(DiagnosticDescriptors.InvalidSecretMode, InputReader.SecretVariableMetadata, secretVariable, "an environment variable name (letters, digits and '_', not starting with a digit)");
                    }
                }
            }

            return valid ? new ClassShape(ns, className, isPublic, secretVariable) : null;
        }

        private CredentialsClass? ReadFile(ClassShape? shape)
        {
            if (_input.Text is null)
            {
                Report(DiagnosticDescriptors.EmptyFile, default, "could not be read");
                return null;
            }

            _text = SourceText.From(_input.Text);
            if (CredentialRules.IsBlank(_input.Text.TrimStart('\uFEFF')))
            {
                Report(DiagnosticDescriptors.EmptyFile, default, "is empty");
                return null;
            }

            JsonReadResult json = JsonReader.Read(_input.Text);
            if (json.Error is { } error)
            {
                Report(DiagnosticDescriptors.InvalidJson, error.Span, error.Message);
                return null;
            }

            JsonNode root = json.Root!;
            if (root.Kind != JsonKind.Object)
            {
                Report(DiagnosticDescriptors.WrongType, root.Span, TopLevelPath, JsonNode.DescribeKind(JsonKind.Object), root.Describe());
                return null;
            }

            bool secretFromEnvironment = shape?.SecretVariable is not null;
            Dictionary<string, JsonProperty> top = IndexProperties(root, string.Empty, TopLevelNames, CredentialsNames);
            JsonNode? apiUrlNode = GetString(top, CredentialRules.ApiUrlPath, CredentialRules.ApiUrlPath, required: false, root.OpeningSpan);
            JsonNode? integrationNode = GetString(top, CredentialRules.IntegrationPath, CredentialRules.IntegrationPath, required: true, root.OpeningSpan);
            JsonNode? credentialsNode = GetValue(top, CredentialRules.CredentialsPath, CredentialRules.CredentialsPath, JsonKind.Object, required: true, root.OpeningSpan);
            JsonNode? nameNode = GetString(top, NamePath, NamePath, required: false, root.OpeningSpan);
            GetString(top, CreatedAtPath, CreatedAtPath, required: false, root.OpeningSpan);

            JsonNode? typeNode = null;
            JsonNode? clientIdNode = null;
            JsonNode? clientSecretNode = null;
            if (credentialsNode is not null)
            {
                Dictionary<string, JsonProperty> credentials = IndexProperties(credentialsNode, CredentialsPrefix, CredentialsNames, TopLevelNames);
                TextSpan credentialsName = top[CredentialRules.CredentialsPath].NameSpan;
                typeNode = GetString(credentials, "type", CredentialRules.CredentialsTypePath, required: true, credentialsName);
                clientIdNode = GetString(credentials, "clientId", CredentialRules.ClientIdPath, required: true, credentialsName);
                clientSecretNode = GetString(credentials, "clientSecret", CredentialRules.ClientSecretPath, required: !secretFromEnvironment, credentialsName);
            }

            string apiUrl = CredentialRules.DefaultApiUrl;
            if (apiUrlNode is not null)
            {
                Check(apiUrlNode, CredentialRules.CheckApiUrl(CredentialRules.ApiUrlPath, apiUrlNode.Text!, out apiUrl));
            }

            Check(integrationNode, integrationNode is null ? null : CredentialRules.CheckIntegrationId(CredentialRules.IntegrationPath, integrationNode.Text!));
            Check(typeNode, typeNode is null ? null : CredentialRules.CheckCredentialsType(CredentialRules.CredentialsTypePath, typeNode.Text!));
            Check(clientIdNode, clientIdNode is null ? null : CredentialRules.CheckFilled(CredentialRules.ClientIdPath, clientIdNode.Text!));
            if (!secretFromEnvironment)
            {
                // With the secret in an environment variable, the file's clientSecret is ignored and may stay a placeholder.
                Check(clientSecretNode, clientSecretNode is null ? null : CredentialRules.CheckFilled(CredentialRules.ClientSecretPath, clientSecretNode.Text!));
            }

            if (shape is null || integrationNode is null || typeNode is null || clientIdNode is null || (!secretFromEnvironment && clientSecretNode is null))
            {
                return null;
            }

            return new CredentialsClass(
                shape.Namespace,
                shape.ClassName,
                shape.IsPublic,
                InputReader.FileName(_input.Path),
                CredentialRules.NormalizeApiUrl(apiUrl),
                integrationNode.Text!,
                typeNode.Text!,
                clientIdNode.Text!,
                secretFromEnvironment ? null : clientSecretNode!.Text,
                shape.SecretVariable,
                nameNode?.Text);
        }

        /// <summary>
        /// The first occurrence of each property; reports later duplicates and unknown names,
        /// suggesting the known name a typo most likely meant.
        /// </summary>
        private Dictionary<string, JsonProperty> IndexProperties(JsonNode obj, string prefix, string[] known, string[] otherLevel)
        {
            var first = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
            foreach (JsonProperty property in obj.Properties)
            {
                if (first.ContainsKey(property.Name))
                {
                    Report(DiagnosticDescriptors.DuplicateProperty, property.NameSpan, prefix + property.Name);
                    continue;
                }

                first.Add(property.Name, property);
                if (Array.IndexOf(known, property.Name) < 0)
                {
                    Report(DiagnosticDescriptors.UnknownProperty, property.NameSpan, prefix + property.Name, Suggest(property.Name, known, otherLevel, prefix.Length == 0));
                }
            }

            return first;
        }

        private static string Suggest(string name, string[] known, string[] otherLevel, bool atTopLevel)
        {
            string? near = NameMatching.Closest(name, known);
            if (near is not null)
            {
                return "; did you mean '" + near + "'?";
            }

            string? misplaced = NameMatching.Closest(name, otherLevel);
            if (misplaced is null)
            {
                return string.Empty;
            }

            return atTopLevel
                ? "; did you mean '" + CredentialsPrefix + misplaced + "'? It belongs inside the 'credentials' object"
                : "; did you mean the top-level '" + misplaced + "'? It belongs outside the 'credentials' object";
        }

        private JsonNode? GetString(Dictionary<string, JsonProperty> properties, string name, string path, bool required, TextSpan missingAt) =>
            GetValue(properties, name, path, JsonKind.String, required, missingAt);

        private JsonNode? GetValue(Dictionary<string, JsonProperty> properties, string name, string path, JsonKind kind, bool required, TextSpan missingAt)
        {
            if (!properties.TryGetValue(name, out JsonProperty? property))
            {
                if (required)
                {
                    Report(DiagnosticDescriptors.MissingProperty, missingAt, path);
                }

                return null;
            }

            if (property.Value.Kind != kind)
            {
                Report(DiagnosticDescriptors.WrongType, property.Value.Span, path, JsonNode.DescribeKind(kind), property.Value.Describe());
                return null;
            }

            return property.Value;
        }

        private void Check(JsonNode? node, CredentialProblem? problem)
        {
            if (node is null || problem is null)
            {
                return;
            }

            DiagnosticDescriptor descriptor = problem.Kind switch
            {
                CredentialProblemKind.EmptyValue => DiagnosticDescriptors.EmptyValue,
                CredentialProblemKind.Placeholder => DiagnosticDescriptors.Placeholder,
                CredentialProblemKind.ApiUrlNotHttp => DiagnosticDescriptors.ApiUrlNotHttp,
                CredentialProblemKind.ApiUrlInsecure => DiagnosticDescriptors.ApiUrlInsecure,
                CredentialProblemKind.UnknownCredentialsType => DiagnosticDescriptors.UnknownCredentialsType,
                _ => DiagnosticDescriptors.IntegrationIdFormat,
            };
            Report(descriptor, node.Span, problem.Arguments);
        }

        private void ReportMetadata(DiagnosticDescriptor descriptor, string metadataName, string value, string expected) =>
            Report(descriptor, default, metadataName, value, expected);

        private void Report(DiagnosticDescriptor descriptor, TextSpan span, params string[] arguments)
        {
            LinePositionSpan lineSpan = _text is null ? default : _text.Lines.GetLinePositionSpan(span);
            _diagnostics.Add(new DiagnosticInfo(descriptor.Id, _input.Path, span, lineSpan, Args(arguments)));
        }

        private static EquatableArray<string> Args(params string[] arguments) => ImmutableArray.Create(arguments).ToEquatableArray();

        private static bool IsIdentifier(string name) =>
            SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

        private static bool IsNamespace(string ns)
        {
            foreach (string part in ns.Split('.'))
            {
                if (!IsIdentifier(part))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsVariableName(string name)
        {
            if (name.Length == 0 || char.IsDigit(name[0]))
            {
                return false;
            }

            foreach (char c in name)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>What the metadata says about the class, once it is known to be valid.</summary>
        private sealed record ClassShape(string Namespace, string ClassName, bool IsPublic, string? SecretVariable);
    }
}
