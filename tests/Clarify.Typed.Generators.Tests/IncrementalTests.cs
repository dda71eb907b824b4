using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Clarify.Typed.Generators.Model;
using Clarify.Typed.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Generators.Tests;

public class IncrementalTests
{
    private const string PathA = "/project/clarify-credentials.json";
    private const string PathB = "/project/plant-b.json";

    private static readonly string[] PerFileSteps = [TrackingNames.Inputs, TrackingNames.CredentialsFiles, TrackingNames.Parsed, TrackingNames.Resolved];

    [Fact]
    public void Editing_an_unrelated_source_file_leaves_every_step_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, _) = FirstRun();

        SyntaxTree old = compilation.SyntaxTrees.First();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText("namespace Sample { internal static class Program { public static int X = 1; } }", GeneratorHarness.ParseOptions, old.FilePath));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in PerFileSteps)
        {
            IEnumerable<(object Value, IncrementalStepRunReason Reason)> outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_json_file_reruns_only_that_files_steps()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, ImmutableArray<AdditionalText> texts) = FirstRun();
        AdditionalText oldA = texts.Single(t => t.Path == PathA);
        string editedJson = GeneratorHarness.GoodJson.Replace("Plant A", "Plant A, renamed", StringComparison.Ordinal);

        GeneratorRunResult result = driver
            .ReplaceAdditionalText(oldA, new InMemoryAdditionalText(PathA, editedJson))
            .RunGenerators(compilation)
            .GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, ReasonFor(result, TrackingNames.Parsed, PathA));
        Assert.Equal(IncrementalStepRunReason.Cached, ReasonFor(result, TrackingNames.Parsed, PathB));
        Assert.Equal(IncrementalStepRunReason.Modified, ReasonFor(result, TrackingNames.Resolved, PathA));
        Assert.Equal(IncrementalStepRunReason.Unchanged, ReasonFor(result, TrackingNames.Resolved, PathB));
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("Plant A, renamed", StringComparison.Ordinal));
    }

    [Fact]
    public void No_step_carries_roslyn_objects_that_defeat_caching()
    {
        (GeneratorDriver driver, _, _) = FirstRun();
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        foreach (IncrementalGeneratorRunStep step in result.TrackedSteps.Where(s => PerFileSteps.Contains(s.Key)).SelectMany(s => s.Value))
        {
            foreach ((object value, _) in step.Outputs)
            {
                AssertNoRoslynObject(value, step.Name ?? "(unnamed)");
            }
        }
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, ImmutableArray<AdditionalText> Texts) FirstRun()
    {
        var files = new[]
        {
            new TestFile(PathA, GeneratorHarness.GoodJson),
            new TestFile(PathB, GeneratorHarness.GoodJson, new Dictionary<string, string> { ["ClarifyCredentials"] = "true" }),
            new TestFile("/project/unrelated.txt", "not credentials"),
        };
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("namespace Sample { internal static class Program { } }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(files, GeneratorHarness.RootNamespace, out ImmutableArray<AdditionalText> texts).RunGenerators(compilation);
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length);
        return (driver, compilation, texts);
    }

    private static IncrementalStepRunReason ReasonFor(GeneratorRunResult result, string step, string path) =>
        result.TrackedSteps[step]
            .SelectMany(s => s.Outputs)
            .Single(o => o.Value is FileResult r ? r.Path == path : false)
            .Reason;

    /// <summary>Fails when a pipeline value holds, at any depth, a Roslyn object that is not value-equal.</summary>
    internal static void AssertNoRoslynObject(object? value, string step)
    {
        switch (value)
        {
            case null or string:
                return;
            case Compilation or ISymbol or SyntaxNode or SyntaxTree or AdditionalText or SourceText or Location or SemanticModel or AttributeData:
                Assert.Fail($"The step {step} outputs a {value.GetType().Name}, which is not value-equal.");
                return;
            case IEnumerable items:
                foreach (object? item in items)
                {
                    AssertNoRoslynObject(item, step);
                }

                return;
            case System.Runtime.CompilerServices.ITuple tuple:
                for (int i = 0; i < tuple.Length; i++)
                {
                    AssertNoRoslynObject(tuple[i], step);
                }

                return;
        }

        foreach (System.Reflection.PropertyInfo property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.DeclaringType?.Namespace?.StartsWith("Clarify", StringComparison.Ordinal) == true))
        {
            AssertNoRoslynObject(property.GetValue(value), step);
        }
    }
}
