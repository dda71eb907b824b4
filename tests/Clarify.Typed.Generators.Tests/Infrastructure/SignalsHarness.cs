using Clarify.Typed.Generators.Signals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Clarify.Typed.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="SignalsGenerator"/> through <see cref="CSharpGeneratorDriver"/> over C# sources that reference Clarify.Typed.</summary>
internal static class SignalsHarness
{
    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new SignalsGenerator().AsSourceGenerator()],
        parseOptions: GeneratorHarness.ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorOutput Run(params string[] sources) => Run(GeneratorHarness.CreateCompilation(sources));

    public static GeneratorOutput Run(CSharpCompilation compilation) => GeneratorHarness.RunDriver(CreateDriver(), compilation);

    /// <summary>A reading with every kind of signal and every attribute argument.</summary>
    public const string BoilerReading = """
        using Clarify.Typed.Models;
        using Clarify.Typed.Signals;

        namespace Sample;

        public enum BoilerState
        {
            Off = 0,
            [ClarifyEnumValue("Heating up")] Heating = 1,
            Running = 2,
        }

        [ClarifySignals]
        public partial record BoilerReading(
            [property: ClarifySignal("boiler/temperature", Name = "Boiler temperature", EngUnit = "°C", Description = "Water at the outlet", Labels = new[] { "site:oslo", "site:bergen", "kind:boiler" }, SampleInterval = "PT1M", GapDetection = "PT5M", SourceType = SourceKind.Measurement)] double? Temperature,
            [property: ClarifySignal("boiler/pressure", EngUnit = "bar")] double Pressure,
            [property: ClarifySignal("boiler/state")] BoilerState State)
        {
            [ClarifySignal("boiler/burners")]
            public int Burners { get; init; }

            [ClarifySignal("boiler/starts")]
            public long? Starts { get; init; }

            [ClarifySignal("boiler/fuel-price", EngUnit = "NOK")]
            public decimal FuelPrice { get; init; }

            [ClarifySignal("boiler/load")]
            public float? Load { get; init; }

            [ClarifySignal("boiler/alarm")]
            public bool Alarm { get; init; }

            [ClarifySignal("boiler/standby")]
            public bool? Standby { get; init; }

            [ClarifySignal("boiler/previous-state")]
            public BoilerState? PreviousState { get; init; }

            public string Note { get; init; } = "";
        }
        """;
}
