using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Clarify.Typed.Generators.Tests.Infrastructure;

/// <summary>One additional file for a generator run, with its MSBuild metadata.</summary>
internal sealed record TestFile(string Path, string? Text, IReadOnlyDictionary<string, string>? Metadata = null)
{
    public const string DefaultPath = "/project/clarify-credentials.json";

    public static TestFile Credentials(string text, IReadOnlyDictionary<string, string>? metadata = null) => new(DefaultPath, text, metadata);
}

/// <summary>What one run of the real generator produced.</summary>
internal sealed record GeneratorOutput(GeneratorDriver Driver, GeneratorRunResult Result, Compilation OutputCompilation)
{
    /// <summary>Compiler diagnostics of the compilation with the generated sources; computed on demand (a full bind is slow).</summary>
    public ImmutableArray<Diagnostic> OutputDiagnostics => OutputCompilation.GetDiagnostics();

    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    public ImmutableArray<GeneratedSourceResult> Sources => Result.GeneratedSources;
}

/// <summary>Runs <see cref="CredentialsGenerator"/> through <see cref="CSharpGeneratorDriver"/> over a .NET 10 compilation that references Clarify.Typed.</summary>
internal static class GeneratorHarness
{
    public const string RootNamespace = "Sample";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(ClarifyOptions).Assembly.Location),
    ];

    /// <summary>A consumer project with one source file; immutable, so every run can share it.</summary>
    public static readonly CSharpCompilation DefaultCompilation = CreateCompilation("namespace Sample { internal static class Program { } }");

    public static CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
        "Consumer",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"/project/Source{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IEnumerable<TestFile> files, string? rootNamespace = RootNamespace) =>
        CreateDriver(files, rootNamespace, out _);

    /// <summary>Also gives the additional texts, so a test can replace one with <see cref="GeneratorDriver.ReplaceAdditionalText"/>.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<TestFile> files, string? rootNamespace, out ImmutableArray<AdditionalText> texts)
    {
        List<TestFile> list = files.ToList();
        var metadata = list
            .Where(f => f.Metadata is not null)
            .GroupBy(f => f.Path)
            .ToDictionary(g => g.Key, g => g.First().Metadata!);
        var global = new Dictionary<string, string>();
        if (rootNamespace is not null)
        {
            global["RootNamespace"] = rootNamespace;
        }

        texts = [.. list.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))];
        return CSharpGeneratorDriver.Create(
            [new CredentialsGenerator().AsSourceGenerator()],
            texts,
            ParseOptions,
            new TestOptionsProvider(metadata, global),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public static GeneratorOutput Run(params TestFile[] files) => Run(files, RootNamespace);

    public static GeneratorOutput Run(IEnumerable<TestFile> files, string? rootNamespace, CSharpCompilation? compilation = null)
    {
        compilation ??= DefaultCompilation;
        return RunDriver(CreateDriver(files, rootNamespace), compilation);
    }

    /// <summary>Runs a driver of one generator once and fails the test when the generator threw.</summary>
    public static GeneratorOutput RunDriver(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("The generator threw.", result.Exception);
        }

        Assert.DoesNotContain(driverDiagnostics, d => d.Id is "CS8785" or "CS8784" or "AD0001");
        return new GeneratorOutput(driver, result, output);
    }

    /// <summary>The JSON every test starts from: valid, every field filled, no warning.</summary>
    public const string GoodJson = """
        {
          "apiUrl": "https://api.clarify.io/v1/",
          "integration": "c0jd1g6qnk1emp4tq2ag",
          "name": "Plant A",
          "credentials": {
            "type": "client-credentials",
            "clientId": "cl1ent1d",
            "clientSecret": "s3cr3t-value"
          }
        }
        """;
}
