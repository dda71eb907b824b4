using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Generators.Tests.Infrastructure;

/// <summary>
/// Roslyn-style test markup: <c>[|...|]</c> marks the span a diagnostic must cover, and
/// <c>{|ID:...|}</c> the span of a diagnostic with that id. The expected span comes from the
/// test text, independently of the generator or analyzer.
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

    /// <summary>Removes every <c>{|ID:...|}</c> (not nested) and gives each id with the span it marked.</summary>
    public static (string Text, IReadOnlyList<(string Id, LinePositionSpan Span)> Expected) ParseDiagnostics(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var marked = new List<(string Id, TextSpan Span)>();
        int position = 0;
        for (int open = markup.IndexOf("{|", StringComparison.Ordinal); open >= 0; open = markup.IndexOf("{|", position, StringComparison.Ordinal))
        {
            int colon = markup.IndexOf(':', open);
            int close = markup.IndexOf("|}", open, StringComparison.Ordinal);
            if (colon < 0 || close < colon)
            {
                throw new ArgumentException("Every {| needs an id, a colon and a closing |}.", nameof(markup));
            }

            text.Append(markup, position, open - position);
            int start = text.Length;
            text.Append(markup, colon + 1, close - colon - 1);
            marked.Add((markup.Substring(open + 2, colon - open - 2), TextSpan.FromBounds(start, text.Length)));
            position = close + 2;
        }

        text.Append(markup, position, markup.Length - position);
        SourceText source = SourceText.From(text.ToString());
        return (text.ToString(), marked.ConvertAll(m => (m.Id, source.Lines.GetLinePositionSpan(m.Span))));
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
