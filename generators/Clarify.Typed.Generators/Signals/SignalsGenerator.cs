using Clarify.Typed.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Clarify.Typed.Generators.Signals
{
    /// <summary>
    /// Implements <c>IClarifySignals</c> for every partial type marked <c>[ClarifySignals]</c>:
    /// its input keys as constants, its signals' metadata for <c>SaveSignalsAsync</c>, and a
    /// writer and reader without reflection; every mistake in its attributes is a compiler
    /// diagnostic at the argument that holds it.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class SignalsGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<SignalsResult> types = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    SignalsParser.SignalsAttributeName,
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (attributeContext, cancellationToken) => SignalsParser.Parse(attributeContext, cancellationToken))
                .WithTrackingName(TrackingNames.SignalsTypes);

            context.RegisterSourceOutput(types, static (output, result) =>
                DiagnosticInfo.Report(output, result.Diagnostics, result.HintName, result.Type is null ? null : SignalsEmitter.Emit(result.Type)));
        }
    }
}
