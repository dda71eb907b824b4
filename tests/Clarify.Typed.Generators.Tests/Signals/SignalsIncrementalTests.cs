using System;
using System.Collections.Generic;
using System.Linq;
using Clarify.Typed.Generators.Signals;
using Clarify.Typed.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Clarify.Typed.Generators.Tests.Signals;

public class SignalsIncrementalTests
{
    private const string Boiler = """
        using Clarify.Typed.Signals;
        namespace Sample;
        [ClarifySignals]
        public partial record BoilerReading([property: ClarifySignal("boiler/temperature", EngUnit = "°C")] double? Temperature);
        """;

    private const string Pump = """
        using Clarify.Typed.Signals;
        namespace Sample;
        [ClarifySignals]
        public partial record PumpReading([property: ClarifySignal("pump/flow", EngUnit = "m³/h")] double? Flow);
        """;

    private const string Unrelated = "namespace Sample { internal static class Program { } }";

    [Fact]
    public void Editing_an_unrelated_file_reruns_no_step_and_emits_nothing_again()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();

        GeneratorRunResult result = driver.RunGenerators(Replace(compilation, 2, "namespace Sample { internal static class Program { public static int X = 1; } }")).GetRunResult().Results.Single();

        IEnumerable<(object Value, IncrementalStepRunReason Reason)> parsed = result.TrackedSteps[TrackingNames.SignalsTypes].SelectMany(s => s.Outputs);
        Assert.Equal(2, parsed.Count());
        Assert.All(parsed, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_attribute_reemits_only_that_type()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();

        GeneratorRunResult result = driver.RunGenerators(Replace(compilation, 0, Boiler.Replace("°C", "K", StringComparison.Ordinal))).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, ReasonFor(result, "BoilerReading"));
        Assert.True(ReasonFor(result, "PumpReading") is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        (object Value, IncrementalStepRunReason Reason)[] emitted = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToArray();
        Assert.Single(emitted, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(emitted, o => o.Reason == IncrementalStepRunReason.Cached);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Sample.BoilerReading.Signals.g.cs" && s.SourceText.ToString().Contains("EngUnit = \"K\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Pipeline_outputs_hold_no_symbol_syntax_node_or_compilation()
    {
        (GeneratorDriver driver, _) = FirstRun();
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        IncrementalGeneratorRunStep[] steps = [.. result.TrackedSteps[TrackingNames.SignalsTypes], .. result.TrackedOutputSteps.SelectMany(s => s.Value)];
        Assert.NotEmpty(steps);
        foreach (IncrementalGeneratorRunStep step in steps)
        {
            foreach ((object value, _) in step.Outputs)
            {
                IncrementalTests.AssertNoRoslynObject(value, step.Name ?? "(output)");
            }
        }
    }

    [Fact]
    public void The_walk_fails_on_a_model_that_holds_a_syntax_node()
    {
        var leaky = new Leaky(CSharpSyntaxTree.ParseText(Unrelated).GetRoot());

        Assert.ThrowsAny<Exception>(() => IncrementalTests.AssertNoRoslynObject(leaky, "test"));
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Boiler, Pump, Unrelated);
        GeneratorDriver driver = SignalsHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length);
        return (driver, compilation);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string source)
    {
        SyntaxTree old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, old.FilePath));
    }

    private static IncrementalStepRunReason ReasonFor(GeneratorRunResult result, string type) =>
        result.TrackedSteps[TrackingNames.SignalsTypes]
            .SelectMany(s => s.Outputs)
            .Single(o => o.Value is SignalsResult r && r.HintName == "Sample." + type + ".Signals.g.cs")
            .Reason;

    private sealed record Leaky(SyntaxNode Node);
}
