using Clarify.Typed.Signals;

namespace Clarify.Typed.Generators.Tests.Signals;

public enum PumpMode
{
    Off,
    Manual,
    [ClarifyEnumValue("Automatic")] Auto = 5,
}

/// <summary>One signal of every supported kind, implemented by the generator when this project builds.</summary>
[ClarifySignals]
public partial record PlantReading(
    [property: ClarifySignal("plant/temperature", Name = "Temperature", EngUnit = "°C", Labels = new[] { "site:oslo" }, SampleInterval = "PT1M")] double? Temperature,
    [property: ClarifySignal("plant/pressure", EngUnit = "bar")] double Pressure,
    [property: ClarifySignal("plant/load")] float? Load,
    [property: ClarifySignal("plant/burners")] int Burners,
    [property: ClarifySignal("plant/starts")] long? Starts,
    [property: ClarifySignal("plant/price")] decimal? Price,
    [property: ClarifySignal("plant/alarm")] bool Alarm,
    [property: ClarifySignal("plant/standby")] bool? Standby,
    [property: ClarifySignal("plant/mode")] PumpMode Mode,
    [property: ClarifySignal("plant/previous-mode")] PumpMode? PreviousMode);

/// <summary>A second reading type, so rows of two types can take turns in one builder.</summary>
[ClarifySignals]
public partial record PumpOnlyReading([property: ClarifySignal("pump/speed")] double Speed);
