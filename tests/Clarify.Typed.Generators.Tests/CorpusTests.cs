using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Clarify.Typed.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Clarify.Typed.Generators.Tests;

/// <summary>
/// Corpus/NN-name.json are broken credentials files; NN-name.expected lists, one per line, the
/// diagnostics each must produce ("CLARIFY001 Error 3:3-3:4", 1-based line:column span);
/// an optional NN-name.metadata gives MSBuild metadata as Name=Value lines.
/// </summary>
public class CorpusTests
{
    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(CorpusDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_produces_exactly_its_expected_diagnostics(string name)
    {
        string text = File.ReadAllText(Path.Combine(CorpusDirectory, name + ".json"));
        GeneratorOutput output = GeneratorHarness.Run(new TestFile($"/corpus/{name}/clarify-credentials.json", text, ReadMetadata(name)));

        string actual = string.Join("\n", output.Diagnostics
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => $"{d.Id} {d.Severity} {Markup.Format(d.Location.GetLineSpan().Span)}")) + "\n";
        if (Environment.GetEnvironmentVariable("CLARIFY_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(Path.Combine(TestPaths.TestProject, "Corpus", name + ".expected"), actual);
        }

        string expectedPath = Path.Combine(CorpusDirectory, name + ".expected");
        Assert.True(File.Exists(expectedPath), $"{name}.expected is missing");
        string expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        Assert.NotEqual("\n", expected);
        Assert.Equal(expected, actual);
        if (output.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Assert.Empty(output.Sources);
        }
    }

    [Fact]
    public void Corpus_has_at_least_forty_files_and_covers_every_single_file_diagnostic()
    {
        string[] expected = Directory.GetFiles(CorpusDirectory, "*.expected");
        Assert.True(expected.Length >= 40, $"only {expected.Length} corpus files");

        HashSet<string> ids = expected.SelectMany(File.ReadAllLines).Where(l => l.Length > 0).Select(l => l.Split(' ')[0]).ToHashSet();
        string[] singleFile = DiagnosticDescriptors.All.Where(d => d.Category == DiagnosticDescriptors.Category).Select(d => d.Id).Where(id => id is not "CLARIFY012" and not "CLARIFY016").ToArray();
        Assert.All(singleFile, id => Assert.Contains(id, ids));
    }

    private static Dictionary<string, string>? ReadMetadata(string name)
    {
        string path = Path.Combine(CorpusDirectory, name + ".metadata");
        return File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Contains('=', StringComparison.Ordinal)).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1])
            : null;
    }
}
