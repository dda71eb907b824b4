using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Clarify.Typed.Generators.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Generators.Tests;

/// <summary>
/// Thousands of random and mutated credentials files through the real generator: it must never
/// throw (CS8785), every diagnostic must point inside the file, and whatever it emits must parse.
/// </summary>
public class GeneratorRobustnessProperties
{
    private const string Template = """
        {
          "apiUrl": "<<apiURL>>",
          "integration": "<YOUR_INTEGRATION_ID>",
          "credentials": { "type": "client-credentials", "clientId": "<YOUR_CLIENT_ID>", "clientSecret": "<YOUR_CLIENT_SECRET>" }
        }
        """;

    private static readonly string[] Seeds = [GeneratorHarness.GoodJson, Template, "{\"integration\":\"c0jd1g6qnk1emp4tq2ag\",\"credentials\":{\"type\":\"basic-auth\",\"clientId\":\"a\\u00e9\\\"b\",\"clientSecret\":\"s\"}}"];

    /// <summary>Characters that break JSON in interesting ways, plus any UTF-16 unit (lone surrogates included).</summary>
    private static readonly Gen<char> Chars = Gen.Frequency(
        (3, Gen.Elements('{', '}', '[', ']', '"', ':', ',', '\\', ' ', '\n', '<', '>', 'u', '0', 'e', '-', '.', 't', 'n', '/')),
        (1, Gen.Choose(0, 0xFFFF).Select(i => (char)i)));

    private static readonly Gen<Mutation> Mutations =
        from kind in Gen.Choose(0, 5)
        from position in Gen.Choose(0, 400)
        from length in Gen.Choose(1, 40)
        from c in Chars
        select new Mutation(kind, position, length, c);

    [Property(MaxTest = 2000)]
    public Property Mutated_credentials_files_never_crash_the_generator() =>
        Prop.ForAll(
            Arb.From(from seed in Gen.Elements(Seeds) from mutations in Gen.ListOf(Mutations) select (seed, mutations: mutations.ToArray())),
            input => AssertSafe(input.mutations.Aggregate(input.seed, (text, m) => m.Apply(text)), metadata: null));

    [Property(MaxTest = 1000)]
    public Property Random_text_never_crashes_the_generator() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(Chars).Select(chars => new string(chars))), text => AssertSafe(text, metadata: null));

    [Property(MaxTest = 500)]
    public Property Random_metadata_never_crashes_the_generator() =>
        Prop.ForAll(
            Arb.From(
                from name in Gen.Elements("ClarifyClassName", "ClarifyNamespace", "ClarifyAccessibility", "ClarifySecretMode", "ClarifySecretVariable")
                from value in Gen.ArrayOf(Chars).Select(chars => new string(chars))
                from environment in Gen.Elements(true, false)
                select (name, value, environment)),
            input =>
            {
                var metadata = new Dictionary<string, string> { [input.name] = input.value };
                if (input.environment && input.name != "ClarifySecretMode")
                {
                    metadata["ClarifySecretMode"] = "Environment";
                }

                AssertSafe(GeneratorHarness.GoodJson, metadata);
            });

    private static readonly CSharpCompilation EmptyCompilation = CSharpCompilation.Create("Fuzz");

    private static void AssertSafe(string text, IReadOnlyDictionary<string, string>? metadata)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver([TestFile.Credentials(text, metadata)])
            .RunGeneratorsAndUpdateCompilation(EmptyCompilation, out _, out var driverDiagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        Assert.Null(result.Exception);
        Assert.DoesNotContain(driverDiagnostics, d => d.Id is "CS8785" or "CS8784" or "AD0001");
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "CLARIFY016");
        var lines = SourceText.From(text).Lines;
        foreach (Diagnostic d in result.Diagnostics)
        {
            Assert.True(d.Location.SourceSpan.End <= text.Length, $"{d.Id} span {d.Location.SourceSpan} is past the end ({text.Length}).");
            LinePositionSpan span = d.Location.GetLineSpan().Span;
            Assert.True(span.End.Line < lines.Count, $"{d.Id} line {span.End.Line} is past the last line.");
            Assert.Equal(lines.GetLinePositionSpan(d.Location.SourceSpan), span);
            Assert.False(string.IsNullOrWhiteSpace(d.GetMessage()));
        }

        foreach (GeneratedSourceResult source in result.GeneratedSources)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(source.SourceText, GeneratorHarness.ParseOptions);
            Assert.Empty(tree.GetDiagnostics());
        }
    }

    /// <summary>One edit: delete, duplicate, insert, truncate, replace, or splice in a piece of the good file.</summary>
    private sealed record Mutation(int Kind, int Position, int Length, char Char)
    {
        public string Apply(string text)
        {
            int at = text.Length == 0 ? 0 : Position % (text.Length + 1);
            int length = Math.Min(Length, text.Length - at);
            return Kind switch
            {
                0 => text.Remove(at, Math.Min(1, length)),
                1 => text.Insert(at, text.Substring(at, length)),
                2 => text.Insert(at, Char.ToString()),
                3 => text.Substring(0, at),
                4 => length == 0 ? text : new StringBuilder(text) { [at] = Char }.ToString(),
                _ => text.Insert(at, GeneratorHarness.GoodJson.Substring(Position % GeneratorHarness.GoodJson.Length, Math.Min(Length, GeneratorHarness.GoodJson.Length - (Position % GeneratorHarness.GoodJson.Length)))),
            };
        }
    }
}
