using Clarify.Typed.Signals;

namespace Clarify.Typed.EndToEnd.Tests.Signals;

public enum BoilerState
{
    Off,
    [ClarifyEnumValue("Heating up")] HeatingUp,
    Running,
}

/// <summary>A typed reading as a user declares it; the generator implements its signals when this project builds.</summary>
[ClarifySignals]
public partial record BoilerReading(
    [property: ClarifySignal("e2e/boiler/temperature", Name = "Boiler temperature", EngUnit = "°C", Labels = ["site:oslo", "site:bergen"], SampleInterval = "PT1M", GapDetection = "PT5M")] double? Temperature,
    [property: ClarifySignal("e2e/boiler/pressure", Name = "Boiler pressure", EngUnit = "bar")] double Pressure,
    [property: ClarifySignal("e2e/boiler/state", Name = "Boiler state")] BoilerState State,
    [property: ClarifySignal("e2e/boiler/burners")] int Burners,
    [property: ClarifySignal("e2e/boiler/fuel-price", EngUnit = "NOK")] decimal FuelPrice,
    [property: ClarifySignal("e2e/boiler/alarm")] bool? Alarm);
