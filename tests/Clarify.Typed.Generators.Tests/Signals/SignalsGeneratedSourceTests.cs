using System;
using System.IO;
using System.Linq;
using Clarify.Typed.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Clarify.Typed.Generators.Tests.Signals;

public class SignalsGeneratedSourceTests
{
    [Fact]
    public void Boiler_reading_generates_the_pinned_source()
    {
        GeneratorOutput output = SignalsHarness.Run(SignalsHarness.BoilerReading);

        Assert.Empty(output.Diagnostics);
        GeneratedSourceResult source = Assert.Single(output.Sources);
        Assert.Equal("Sample.BoilerReading.Signals.g.cs", source.HintName);
        AssertSnapshot(source);
    }

    [Fact]
    public void Nested_class_with_a_parameterless_constructor_generates_the_pinned_source()
    {
        GeneratorOutput output = SignalsHarness.Run("""
            using Clarify.Typed.Signals;

            namespace Sample.Plants;

            public static partial class Plant
            {
                [ClarifySignals]
                internal sealed partial class PumpReading
                {
                    [ClarifySignal("pump/flow", EngUnit = "m³/h")]
                    public double? Flow { get; set; }

                    [ClarifySignal("pump/event")]
                    public int @event { get; set; }
                }
            }
            """);

        Assert.Empty(output.Diagnostics);
        GeneratedSourceResult source = Assert.Single(output.Sources);
        Assert.Equal("Sample.Plants.Plant.PumpReading.Signals.g.cs", source.HintName);
        AssertSnapshot(source);
    }

    [Fact]
    public void Generated_source_compiles_without_any_diagnostic()
    {
        GeneratorOutput output = SignalsHarness.Run(SignalsHarness.BoilerReading);

        Assert.Empty(output.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    private static void AssertSnapshot(GeneratedSourceResult source)
    {
        string name = source.HintName.Replace(".g.cs", ".g.cs.txt", StringComparison.Ordinal);
        string actual = source.SourceText.ToString();
        if (Environment.GetEnvironmentVariable("CLARIFY_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(Path.Combine(TestPaths.TestProject, "Snapshots", name), actual);
        }

        string path = Path.Combine(AppContext.BaseDirectory, "Snapshots", name);
        Assert.True(File.Exists(path), $"No snapshot {name}: run the tests once with CLARIFY_UPDATE_SNAPSHOTS=1 and review the file.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
