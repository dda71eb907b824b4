using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Benchmarks.Generator;

/// <summary>A consumer project of many C# files and a clarify-credentials.json, as the compiler hands it to the generator.</summary>
internal static class GeneratorInputs
{
    public const string CredentialsPath = "/project/clarify-credentials.json";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public const string CredentialsJson = """
        {
          "apiUrl": "https://api.clarify.io/v1/",
          "integration": "c0jd1g6qnk1emp4tq2ag",
          "name": "Plant A",
          "credentials": {
            "type": "client-credentials",
            "clientId": "benchmark-client",
            "clientSecret": "benchmark-secret-not-real"
          }
        }
        """;

    public static CSharpCompilation CreateCompilation(int files) => CSharpCompilation.Create(
        "Consumer",
        Enumerable.Range(0, files).Select(i => ParseSource(i, revision: 0)),
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(ClarifyOptions).Assembly.Location)],
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>One file of the project; a higher revision is the same file after an edit inside a method body.</summary>
    public static SyntaxTree ParseSource(int index, int revision) => CSharpSyntaxTree.ParseText(
        string.Create(CultureInfo.InvariantCulture, $$"""
            namespace Sample.Module{{index}}
            {
                /// <summary>Service {{index}}.</summary>
                public sealed class Service{{index}}
                {
                    private readonly int _factor = {{index}};

                    public int Compute(int x) => x * _factor + {{revision}};

                    public string Describe() => $"Service{{index}} x{_factor}";

                    public static int Sum(int[] values)
                    {
                        int total = 0;
                        foreach (int value in values)
                        {
                            total += value;
                        }

                        return total;
                    }
                }
            }
            """),
        ParseOptions,
        path: $"/project/Module{index}/Service{index}.cs");

    public static AdditionalText Credentials(string json) => new InMemoryAdditionalText(CredentialsPath, json);

    public static GeneratorDriver CreateDriver(AdditionalText credentials, bool trackSteps, IIncrementalGenerator? generator = null) => CSharpGeneratorDriver.Create(
        [(generator ?? new Clarify.Typed.Generators.CredentialsGenerator()).AsSourceGenerator()],
        [credentials],
        ParseOptions,
        new GlobalOptionsProvider(new Dictionary<string, string> { ["build_property.RootNamespace"] = "Sample" }),
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackSteps));

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>The build properties MSBuild would pass; no per-file metadata (the conventional file name needs none).</summary>
    private sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties.ToImmutableDictionary());

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
