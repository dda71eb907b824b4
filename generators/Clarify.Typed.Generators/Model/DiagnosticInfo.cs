using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Generators.Model
{
    /// <summary>
    /// A diagnostic as plain values: <see cref="Diagnostic"/> and <see cref="Location"/> are not
    /// value-equal, so the pipeline carries this and converts it only when reporting.
    /// </summary>
    internal sealed record DiagnosticInfo(string Id, string FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
    {
        /// <summary>A diagnostic at a source location (e.g. an attribute argument's syntax), kept as plain values.</summary>
        public static DiagnosticInfo At(string id, Location location, params string[] arguments) => new(
            id,
            location.SourceTree?.FilePath ?? string.Empty,
            location.SourceSpan,
            location.GetLineSpan().Span,
            arguments.ToEquatableArray());

        public Diagnostic ToDiagnostic()
        {
            DiagnosticDescriptor descriptor = DiagnosticDescriptors.Get(Id);
            Location location = Location.Create(FilePath, Span, LineSpan);
            object[] arguments = new object[Arguments.Count];
            for (int i = 0; i < arguments.Length; i++)
            {
                arguments[i] = Arguments[i];
            }

            return Diagnostic.Create(descriptor, location, arguments);
        }

        /// <summary>Reports each diagnostic, then adds the source when there is one (a model with errors has none).</summary>
        public static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics, string hintName, string? source)
        {
            foreach (DiagnosticInfo diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (source is not null)
            {
                output.AddSource(hintName, source);
            }
        }

        public bool IsError => DiagnosticDescriptors.Get(Id).DefaultSeverity == DiagnosticSeverity.Error;
    }
}
