using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Clarify.Typed.Signals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Clarify.Typed.Generators.Analyzers
{
    /// <summary>
    /// Warns when a constant input key handed to the Clarify.Typed API (a literal, a const, a
    /// constant concatenation or interpolation) breaks Clarify's input key rule, which would
    /// otherwise fail only at run time. Keys of dictionaries and key/value pairs are checked
    /// where they are written inline in the call.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class InputKeyAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.InvalidConstantInputKey);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                InputKeyTargets? targets = InputKeyTargets.Find(start.Compilation);
                if (targets is null)
                {
                    return;
                }

                start.RegisterOperationAction(
                    operation => AnalyzeCall(operation, targets, ((IInvocationOperation)operation.Operation).Arguments),
                    OperationKind.Invocation);
                start.RegisterOperationAction(
                    operation => AnalyzeCall(operation, targets, ((IObjectCreationOperation)operation.Operation).Arguments),
                    OperationKind.ObjectCreation);
            });
        }

        private static void AnalyzeCall(OperationAnalysisContext context, InputKeyTargets targets, ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                switch (targets.Classify(argument.Parameter))
                {
                    case KeyArgument.InputKey:
                        Check(context, argument.Value);
                        break;
                    case KeyArgument.KeyedCollection:
                        foreach (IOperation key in InlineKeys(argument.Value, targets))
                        {
                            Check(context, key);
                        }

                        break;
                }
            }
        }

        private static void Check(OperationAnalysisContext context, IOperation key)
        {
            if (key.ConstantValue.HasValue && key.ConstantValue.Value is string value && !SignalKeyRules.IsValidInputKey(value))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidConstantInputKey, key.Syntax.GetLocation(), value, SignalKeyRules.InputKeyAdvice, SignalKeyRules.InputKeyPattern));
            }
        }

        /// <summary>
        /// The keys written inline in a dictionary or key/value pair collection: initializer
        /// entries (<c>{ "key", v }</c>, <c>["key"] = v</c>), and <c>new KeyValuePair(...)</c> or
        /// <c>KeyValuePair.Create(...)</c> elements of an array, collection expression or params
        /// list. A collection built elsewhere is not followed.
        /// </summary>
        private static IEnumerable<IOperation> InlineKeys(IOperation collection, InputKeyTargets targets)
        {
            IEnumerable<IOperation?> keys = WithoutConversions(collection) switch
            {
                IObjectCreationOperation { Initializer: { } initializer } => initializer.Initializers.Select(entry => EntryKey(entry, targets)),
                IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues.Select(element => PairKey(element, targets)),
                ICollectionExpressionOperation expression => expression.Elements.Select(element => PairKey(element, targets)),
                _ => Enumerable.Empty<IOperation?>(),
            };
            foreach (IOperation? key in keys)
            {
                if (key is not null)
                {
                    yield return key;
                }
            }
        }

        /// <summary>The key of one collection initializer entry: <c>{ key, value }</c>, <c>[key] = value</c>, or <c>{ pair }</c>.</summary>
        private static IOperation? EntryKey(IOperation entry, InputKeyTargets targets) => entry switch
        {
            IInvocationOperation add => ArgumentForKey(add.Arguments) ?? (add.Arguments.Length == 1 ? PairKey(add.Arguments[0].Value, targets) : null),
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation indexer } => ArgumentForKey(indexer.Arguments),
            _ => null,
        };

        /// <summary>The key of a pair built inline: <c>new KeyValuePair&lt;,&gt;(key, value)</c> or <c>KeyValuePair.Create(key, value)</c>.</summary>
        private static IOperation? PairKey(IOperation element, InputKeyTargets targets) => WithoutConversions(element) switch
        {
            IObjectCreationOperation creation when targets.IsPair(creation.Type) => ArgumentForKey(creation.Arguments),
            IInvocationOperation call when targets.IsPairFactory(call.TargetMethod) => ArgumentForKey(call.Arguments),
            _ => null,
        };

        /// <summary>The argument for the parameter called <c>key</c>, as dictionaries and key/value pairs name it.</summary>
        private static IOperation? ArgumentForKey(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter?.Name == "key")
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private static IOperation WithoutConversions(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
