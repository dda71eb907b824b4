using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Xml;
using Clarify.Typed.Generators.Model;
using Clarify.Typed.Signals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Clarify.Typed.Generators.Signals
{
    /// <summary>
    /// Reads one <c>[ClarifySignals]</c> type from its symbol and syntax into a
    /// <see cref="SignalsResult"/> of plain values, checking every attribute argument and
    /// locating each problem at the argument's own syntax.
    /// </summary>
    internal static class SignalsParser
    {
        public const string SignalsAttributeName = "Clarify.Typed.Signals.ClarifySignalsAttribute";
        private const string SignalAttributeName = "Clarify.Typed.Signals.ClarifySignalAttribute";
        private const string EnumValueAttributeName = "Clarify.Typed.Signals.ClarifyEnumValueAttribute";

        private static readonly SymbolDisplayFormat QualifiedFormat = SymbolDisplayFormat.FullyQualifiedFormat;

        public static SignalsResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var declaration = (TypeDeclarationSyntax)context.TargetNode;
            string hintName = HintName(type);
            return Guarded(declaration, hintName, () => ParseType(type, declaration, hintName, cancellationToken));
        }

        /// <summary>Runs <paramref name="parse"/>, turning a bug that throws into CLARIFY109 at the type's name instead of a crashed compilation.</summary>
        internal static SignalsResult Guarded(TypeDeclarationSyntax declaration, string hintName, Func<SignalsResult> parse)
        {
            try
            {
                return parse();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                DiagnosticInfo failure = DiagnosticInfo.At(DiagnosticDescriptors.SignalsInternalError.Id, declaration.Identifier.GetLocation(), e.GetType().Name, e.Message);
                return new SignalsResult(hintName, null, new[] { failure }.ToEquatableArray());
            }
        }

        private static SignalsResult ParseType(INamedTypeSymbol type, TypeDeclarationSyntax declaration, string hintName, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var containers = new List<string>();
            CheckPartial(declaration, type.Name, diagnostics);
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (outer.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is TypeDeclarationSyntax outerSyntax)
                {
                    CheckPartial(outerSyntax, outer.Name, diagnostics);
                    containers.Insert(0, PartialDeclaration(outerSyntax));
                }
            }

            var properties = new List<SignalProperty>();
            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (IPropertySymbol property in type.GetMembers().OfType<IPropertySymbol>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                AttributeData? attribute = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == SignalAttributeName);
                if (attribute is null || attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
                {
                    continue;
                }

                SignalProperty? signal = ParseProperty(property, attribute, syntax, keys, diagnostics, cancellationToken);
                if (signal is not null)
                {
                    properties.Add(signal);
                }
            }

            if (diagnostics.Any(d => d.IsError))
            {
                // The properties with errors are missing, so no constructor would match: nothing more to say.
                return new SignalsResult(hintName, null, diagnostics.ToEquatableArray());
            }

            (List<string> constructorArguments, string? notReadable) = FindConstruction(type, properties);
            if (notReadable is not null)
            {
                diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.NotReadable.Id, declaration.Identifier.GetLocation(), type.Name, notReadable));
            }

            var inConstructor = new HashSet<string>(constructorArguments, StringComparer.Ordinal);
            properties = properties.Select(p => p with { InConstructor = inConstructor.Contains(p.Name) }).ToList();
            var model = new SignalsType(
                type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
                containers.ToEquatableArray(),
                PartialDeclaration(declaration),
                type.ToDisplayString(QualifiedFormat),
                type.Name,
                properties.ToEquatableArray(),
                constructorArguments.Select(Identifier).ToEquatableArray(),
                notReadable);
            return new SignalsResult(hintName, model, diagnostics.ToEquatableArray());
        }

        private static SignalProperty? ParseProperty(
            IPropertySymbol property, AttributeData attribute, AttributeSyntax syntax, Dictionary<string, string> keys, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            int errors = diagnostics.Count(d => d.IsError);
            if (attribute.ConstructorArguments.Length != 1 || syntax.ArgumentList is null)
            {
                return null; // the compiler reports the broken attribute itself
            }

            Location keyLocation = syntax.ArgumentList.Arguments.First(a => a.NameEquals is null).Expression.GetLocation();
            string? inputKey = attribute.ConstructorArguments[0].Value as string;
            if (!SignalKeyRules.IsValidInputKey(inputKey))
            {
                diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.InvalidInputKey.Id, keyLocation, inputKey is null ? "null" : "'" + inputKey + "'"));
            }
            else if (keys.TryGetValue(inputKey!, out string? owner))
            {
                diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.DuplicateInputKey.Id, keyLocation, inputKey!, owner, property.Name));
            }
            else
            {
                keys.Add(inputKey!, property.Name);
            }

            (SignalValueKind kind, bool nullable, INamedTypeSymbol? enumType)? shape = Classify(property, diagnostics, cancellationToken);
            var enumValues = new List<SignalEnumValue>();
            if (shape?.enumType is INamedTypeSymbol enumSymbol)
            {
                enumValues = ParseEnum(property, enumSymbol, diagnostics, cancellationToken);
            }

            var labels = new List<SignalLabel>();
            SignalDuration? sampleInterval = null;
            SignalDuration? gapDetection = null;
            string? name = null, engUnit = null, description = null, sourceType = null;
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                Location location = NamedArgument(syntax, named.Key)?.GetLocation() ?? syntax.GetLocation();
                switch (named.Key)
                {
                    case "Name": name = named.Value.Value as string; break;
                    case "EngUnit": engUnit = named.Value.Value as string; break;
                    case "Description": description = named.Value.Value as string; break;
                    case "SampleInterval": sampleInterval = ParseDuration(named.Key, named.Value, location, diagnostics); break;
                    case "GapDetection": gapDetection = ParseDuration(named.Key, named.Value, location, diagnostics); break;
                    case "SourceType": sourceType = EnumMemberName(named.Value); break;
                    case "Labels": labels = ParseLabels(named.Value, NamedArgument(syntax, named.Key), location, diagnostics); break;
                }
            }

            if (shape is null || diagnostics.Count(d => d.IsError) > errors)
            {
                return null;
            }

            return new SignalProperty(
                Identifier(property.Name),
                property.Name,
                inputKey!,
                name,
                engUnit,
                description,
                labels.ToEquatableArray(),
                sampleInterval,
                gapDetection,
                sourceType,
                shape.Value.kind,
                shape.Value.nullable,
                shape.Value.enumType?.ToDisplayString(QualifiedFormat),
                shape.Value.enumType?.EnumUnderlyingType?.ToDisplayString(),
                enumValues.ToEquatableArray(),
                InConstructor: false);
        }

        private static (SignalValueKind, bool, INamedTypeSymbol?)? Classify(IPropertySymbol property, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            ITypeSymbol type = property.Type;
            bool nullable = false;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapped)
            {
                nullable = true;
                type = wrapped.TypeArguments[0];
            }

            SignalValueKind? kind = type.SpecialType switch
            {
                SpecialType.System_Double => SignalValueKind.Double,
                SpecialType.System_Single => SignalValueKind.Float,
                SpecialType.System_Int32 => SignalValueKind.Int,
                SpecialType.System_Int64 => SignalValueKind.Long,
                SpecialType.System_Decimal => SignalValueKind.Decimal,
                SpecialType.System_Boolean => SignalValueKind.Bool,
                _ => type.TypeKind == TypeKind.Enum ? SignalValueKind.Enum : null,
            };
            string? problem = kind is null
                ? "its type '" + property.Type.ToDisplayString() + "' is not double, float, int, long, decimal, bool, an enum, or one of those nullable"
                : property.IsStatic ? "it is static; a signal is an instance property"
                : property.GetMethod is null ? "it has no getter"
                : property.IsIndexer ? "it is an indexer"
                : null;
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.UnsupportedSignalType.Id, TypeLocation(property, cancellationToken), property.Name, problem));
                return null;
            }

            return (kind!.Value, nullable, kind == SignalValueKind.Enum ? (INamedTypeSymbol)type : null);
        }

        private static List<SignalEnumValue> ParseEnum(IPropertySymbol property, INamedTypeSymbol enumType, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var values = new List<SignalEnumValue>();
            var owners = new Dictionary<int, IFieldSymbol>();
            foreach (IFieldSymbol field in enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
            {
                long number = Convert.ToInt64(field.ConstantValue, System.Globalization.CultureInfo.InvariantCulture);
                if (number < int.MinValue || number > int.MaxValue)
                {
                    diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.UnsupportedSignalType.Id, TypeLocation(property, cancellationToken), property.Name,
                        "the value of " + enumType.Name + "." + field.Name + " is outside the 32-bit range of Clarify's enum values"));
                    return values;
                }

                if (owners.TryGetValue((int)number, out IFieldSymbol? first))
                {
                    Location location = field.Locations.FirstOrDefault(l => l.IsInSource) ?? TypeLocation(property, cancellationToken);
                    diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.DuplicateEnumValue.Id, location,
                        first.Name, field.Name, enumType.Name, number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    continue;
                }

                owners.Add((int)number, field);
                string text = field.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == EnumValueAttributeName)?.ConstructorArguments.FirstOrDefault().Value as string
                    ?? field.Name;
                values.Add(new SignalEnumValue((int)number, text));
            }

            return values;
        }

        private static List<SignalLabel> ParseLabels(TypedConstant labels, ExpressionSyntax? syntax, Location whole, List<DiagnosticInfo> diagnostics)
        {
            var byKey = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var order = new List<string>();
            if (labels.IsNull || labels.Kind != TypedConstantKind.Array)
            {
                return new List<SignalLabel>();
            }

            IReadOnlyList<ExpressionSyntax> elements = ArrayElements(syntax);
            ImmutableArray<TypedConstant> values = labels.Values;
            for (int i = 0; i < values.Length; i++)
            {
                Location location = elements.Count == values.Length ? elements[i].GetLocation() : whole;
                string? label = values[i].Value as string;
                int colon = label?.IndexOf(':') ?? -1;
                string? problem = label is null ? "write it as key:value, e.g. site:oslo"
                    : colon < 0 ? "write it as key:value, e.g. site:oslo"
                    : !SignalKeyRules.IsValidLabelKey(label.Substring(0, colon)) ? "its key '" + label.Substring(0, colon) + "' breaks the label key rule: " + SignalKeyRules.LabelKeyAdvice + " (" + SignalKeyRules.LabelKeyPattern + ")"
                    : colon == label.Length - 1 ? "its value is empty: write key:value"
                    : null;
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.InvalidLabel.Id, location, label is null ? "null" : "'" + label + "'", problem));
                    continue;
                }

                string key = label!.Substring(0, colon);
                if (!byKey.TryGetValue(key, out List<string>? keyValues))
                {
                    byKey.Add(key, keyValues = new List<string>());
                    order.Add(key);
                }

                keyValues.Add(label.Substring(colon + 1));
            }

            return order.Select(k => new SignalLabel(k, byKey[k].ToEquatableArray())).ToList();
        }

        private static SignalDuration? ParseDuration(string argument, TypedConstant value, Location location, List<DiagnosticInfo> diagnostics)
        {
            if (value.Value is not string text)
            {
                return null;
            }

            TimeSpan duration;
            try
            {
                // The runtime library reads and writes durations with XmlConvert too.
                duration = XmlConvert.ToTimeSpan(text);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                duration = TimeSpan.Zero;
            }

            if (duration <= TimeSpan.Zero)
            {
                diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.InvalidDuration.Id, location, argument, "'" + text + "'"));
                return null;
            }

            return new SignalDuration(text, duration.Ticks);
        }

        private static string? EnumMemberName(TypedConstant value) =>
            value.Type?.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value))?.Name;

        private static (List<string> Arguments, string? NotReadable) FindConstruction(INamedTypeSymbol type, List<SignalProperty> properties)
        {
            if (type.IsAbstract)
            {
                return (new List<string>(), "it is abstract");
            }

            var byName = properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
            IMethodSymbol? best = type.InstanceConstructors
                .Where(c => c.Parameters.All(p => byName.ContainsKey(p.Name)
                    && SymbolEqualityComparer.Default.Equals(p.Type, ((IPropertySymbol)type.GetMembers(byName[p.Name].Name).First(m => m is IPropertySymbol)).Type)))
                .OrderByDescending(c => c.Parameters.Length)
                .FirstOrDefault();
            if (best is null)
            {
                return (new List<string>(), "no constructor takes only signal properties (by name and type)");
            }

            var arguments = best.Parameters.Select(p => byName[p.Name].Name).ToList();
            var set = new HashSet<string>(arguments, StringComparer.Ordinal);
            foreach (SignalProperty signal in properties.Where(p => !set.Contains(p.Name)))
            {
                IPropertySymbol symbol = type.GetMembers(signal.Name).OfType<IPropertySymbol>().First();
                if (symbol.SetMethod is null)
                {
                    return (arguments, "'" + signal.Name + "' has no setter or init accessor and no constructor parameter");
                }
            }

            ISymbol? required = type.GetMembers().FirstOrDefault(m => m is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true } && !properties.Any(p => p.Name == m.Name));
            return required is null ? (arguments, null) : (arguments, "the required member '" + required.Name + "' is not a signal");
        }

        private static void CheckPartial(TypeDeclarationSyntax declaration, string name, List<DiagnosticInfo> diagnostics)
        {
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.TypeNotPartial.Id, declaration.Identifier.GetLocation(), name, Keyword(declaration)));
            }
        }

        private static string PartialDeclaration(TypeDeclarationSyntax declaration) =>
            "partial " + Keyword(declaration) + " " + declaration.Identifier.ValueText + (declaration.TypeParameterList?.ToString() ?? string.Empty);

        private static string Keyword(TypeDeclarationSyntax declaration) => declaration switch
        {
            RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
            RecordDeclarationSyntax => "record",
            StructDeclarationSyntax => "struct",
            _ => "class",
        };

        private static Location TypeLocation(IPropertySymbol property, CancellationToken cancellationToken) =>
            property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) switch
            {
                PropertyDeclarationSyntax p => p.Type.GetLocation(),
                ParameterSyntax { Type: not null } p => p.Type.GetLocation(),
                _ => property.Locations.FirstOrDefault() ?? Location.None,
            };

        private static ExpressionSyntax? NamedArgument(AttributeSyntax syntax, string name) =>
            syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.Expression;

        private static IReadOnlyList<ExpressionSyntax> ArrayElements(ExpressionSyntax? syntax) => syntax switch
        {
            ArrayCreationExpressionSyntax { Initializer: not null } a => a.Initializer.Expressions,
            ImplicitArrayCreationExpressionSyntax a => a.Initializer.Expressions,
            CollectionExpressionSyntax c => c.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
            _ => Array.Empty<ExpressionSyntax>(),
        };

        private static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static string HintName(INamedTypeSymbol type)
        {
            string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted));
            var safe = new System.Text.StringBuilder(name.Length);
            foreach (char c in name)
            {
                safe.Append(char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_');
            }

            return safe + ".Signals.g.cs";
        }
    }
}
