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

        public bool IsError => DiagnosticDescriptors.Get(Id).DefaultSeverity == DiagnosticSeverity.Error;
    }
}
