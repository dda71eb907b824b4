using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Clarify.Typed.Generators.Tests.Infrastructure;

/// <summary>Runs one analyzer over a .NET 10 compilation that references Clarify.Typed, as the compiler would.</summary>
internal static class AnalyzerHarness
{
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(DiagnosticAnalyzer analyzer, string source)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(source);
        Diagnostic[] errors = [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
        Assert.True(errors.Length == 0, "The test source does not compile: " + string.Join(Environment.NewLine, errors.Select(e => e.ToString())));

        var failures = new ConcurrentBag<Exception>();
        CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(
            [analyzer],
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]),
                onAnalyzerException: (exception, _, _) => failures.Add(exception),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        Assert.Empty(failures);
        return diagnostics;
    }
}
