using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Generators.Tests.Infrastructure;

/// <summary>
/// Roslyn-style test markup: <c>[|...|]</c> marks the span a diagnostic must cover. The
/// expected span comes from the test text, independently of the generator.
/// </summary>
internal static class Markup
{
    public static (string Text, LinePositionSpan Span) Parse(string markup)
    {
        int start = markup.IndexOf("[|", StringComparison.Ordinal);
        int end = markup.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new ArgumentException("The markup needs one [|...|] span.", nameof(markup));
        }

        string text = markup.Remove(end, 2).Remove(start, 2);
        SourceText source = SourceText.From(text);
        return (text, source.Lines.GetLinePositionSpan(TextSpan.FromBounds(start, end - 2)));
    }

    /// <summary>1-based "line:column-line:column", as MSBuild prints positions.</summary>
    public static string Format(LinePositionSpan span) =>
        $"{span.Start.Line + 1}:{span.Start.Character + 1}-{span.End.Line + 1}:{span.End.Character + 1}";

    /// <summary>Asserts a diagnostic's id, severity, file and exact span.</summary>
    public static void AssertAt(Diagnostic d, string id, DiagnosticSeverity severity, LinePositionSpan expected, Func<string, bool> isExpectedPath)
    {
        Assert.Equal(id, d.Id);
        Assert.Equal(severity, d.Severity);
        FileLinePositionSpan actual = d.Location.GetLineSpan();
        Assert.True(isExpectedPath(actual.Path), $"{id} is reported in {actual.Path}");
        Assert.Equal(Format(expected), Format(actual.Span));
    }
}
