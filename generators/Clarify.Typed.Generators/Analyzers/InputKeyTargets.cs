using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Clarify.Typed.Generators.Analyzers
{
    /// <summary>What an argument of the Clarify.Typed API holds, as far as input keys go.</summary>
    internal enum KeyArgument
    {
        /// <summary>Not an input key.</summary>
        None,

        /// <summary>One input key.</summary>
        InputKey,

        /// <summary>A dictionary or key/value pairs keyed by input key.</summary>
        KeyedCollection,
    }

    /// <summary>
    /// The parameters of the Clarify.Typed API that take input keys, resolved once per
    /// compilation to symbols, so a method of the same name on another type is never mistaken
    /// for them.
    /// </summary>
    internal sealed class InputKeyTargets
    {
        private static readonly (string Type, string Member, string Parameter, KeyArgument Kind)[] Parameters =
        {
            ("Clarify.Typed.Models.DataFrameBuilder", "AddRow", "inputKey", KeyArgument.InputKey),
            ("Clarify.Typed.Models.DataFrameBuilder", "AddRow", "values", KeyArgument.KeyedCollection),
            ("Clarify.Typed.Models.DataFrame", WellKnownMemberNames.InstanceConstructorName, "series", KeyArgument.KeyedCollection),
            ("Clarify.Typed.ClarifyClient", "SaveSignalsAsync", "signalsByInput", KeyArgument.KeyedCollection),
            ("Clarify.Typed.Ingestion.ClarifyWriter", "WriteAsync", "inputKey", KeyArgument.InputKey),
            ("Clarify.Typed.Ingestion.WritePoint", WellKnownMemberNames.InstanceConstructorName, "InputKey", KeyArgument.InputKey),
        };

        private readonly Dictionary<INamedTypeSymbol, List<(string Member, string Parameter, KeyArgument Kind)>> _byType;
        private readonly INamedTypeSymbol? _pair;
        private readonly INamedTypeSymbol? _pairFactory;

        private InputKeyTargets(
            Dictionary<INamedTypeSymbol, List<(string Member, string Parameter, KeyArgument Kind)>> byType,
            INamedTypeSymbol? pair,
            INamedTypeSymbol? pairFactory)
        {
            _byType = byType;
            _pair = pair;
            _pairFactory = pairFactory;
        }

        /// <summary>The targets this compilation can see, or null when it does not reference Clarify.Typed.</summary>
        public static InputKeyTargets? Find(Compilation compilation)
        {
            var byType = new Dictionary<INamedTypeSymbol, List<(string, string, KeyArgument)>>(SymbolEqualityComparer.Default);
            foreach ((string typeName, string member, string parameter, KeyArgument kind) in Parameters)
            {
                if (compilation.GetTypeByMetadataName(typeName) is not { } type)
                {
                    continue;
                }

                if (!byType.TryGetValue(type, out List<(string, string, KeyArgument)>? entries))
                {
                    entries = new List<(string, string, KeyArgument)>();
                    byType.Add(type, entries);
                }

                entries.Add((member, parameter, kind));
            }

            return byType.Count == 0
                ? null
                : new InputKeyTargets(
                    byType,
                    compilation.GetTypeByMetadataName("System.Collections.Generic.KeyValuePair`2"),
                    compilation.GetTypeByMetadataName("System.Collections.Generic.KeyValuePair"));
        }

        /// <summary>What the argument for <paramref name="parameter"/> holds.</summary>
        public KeyArgument Classify(IParameterSymbol? parameter)
        {
            if (parameter?.ContainingSymbol is IMethodSymbol method
                && _byType.TryGetValue(method.ContainingType.OriginalDefinition, out List<(string Member, string Parameter, KeyArgument Kind)>? entries))
            {
                foreach ((string member, string name, KeyArgument kind) in entries)
                {
                    if (method.Name == member && parameter.Name == name)
                    {
                        return kind;
                    }
                }
            }

            return KeyArgument.None;
        }

        /// <summary>Whether <paramref name="type"/> is a <c>KeyValuePair&lt;TKey, TValue&gt;</c>.</summary>
        public bool IsPair(ITypeSymbol? type) => _pair is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, _pair);

        /// <summary>Whether <paramref name="method"/> is <c>KeyValuePair.Create</c>.</summary>
        public bool IsPairFactory(IMethodSymbol method) =>
            _pairFactory is not null && method.Name == "Create" && SymbolEqualityComparer.Default.Equals(method.ContainingType, _pairFactory);
    }
}
