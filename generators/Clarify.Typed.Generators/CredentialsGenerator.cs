using Clarify.Typed.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Clarify.Typed.Generators
{
    /// <summary>
    /// Turns each <c>clarify-credentials.json</c> additional file (or one marked
    /// <c>ClarifyCredentials="true"</c>) into a static class with typed Clarify options, and
    /// reports every problem in the file at its exact line and column.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class CredentialsGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<CredentialsInput> files = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, cancellationToken) => InputReader.Read(pair.Left, pair.Right, cancellationToken))
                .WithTrackingName(TrackingNames.Inputs)
                .Where(static input => input is not null)
                .Select(static (input, _) => input!)
                .WithTrackingName(TrackingNames.CredentialsFiles);

            IncrementalValuesProvider<FileResult> results = files
                .Select(static (input, cancellationToken) => Parser.Parse(input, cancellationToken))
                .WithTrackingName(TrackingNames.Parsed)
                .Collect()
                .SelectMany(static (parsed, _) => Parser.ResolveConflicts(parsed))
                .WithTrackingName(TrackingNames.Resolved);

            context.RegisterSourceOutput(results, static (output, result) =>
                DiagnosticInfo.Report(output, result.Diagnostics, result.HintName, result.Class is null ? null : Emitter.Emit(result.Class)));
        }
    }
}
