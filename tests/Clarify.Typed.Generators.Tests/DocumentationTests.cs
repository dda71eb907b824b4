using System.IO;
using Clarify.Typed.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Clarify.Typed.Generators.Tests;

/// <summary>Every diagnostic's help link leads to a section of docs/diagnostics.md that states its severity.</summary>
public class DocumentationTests
{
    [Fact]
    public void Every_diagnostic_has_a_section_and_a_table_row_with_its_severity()
    {
        string docs = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "diagnostics.md"));

        foreach (DiagnosticDescriptor descriptor in DiagnosticDescriptors.All)
        {
            string severity = descriptor.DefaultSeverity == DiagnosticSeverity.Error ? "Error" : "Warning";
            Assert.Contains($"\n## {descriptor.Id}\n", docs, System.StringComparison.Ordinal);
            Assert.Contains($"| [{descriptor.Id}](#{descriptor.Id.ToLowerInvariant()}) | {severity} | {descriptor.Title} |", docs, System.StringComparison.Ordinal);
        }
    }
}
