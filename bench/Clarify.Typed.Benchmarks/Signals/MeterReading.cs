using Clarify.Typed.Signals;

namespace Clarify.Typed.Benchmarks.Signals;

public enum PumpState
{
    Off,
    Running,
    Fault,
}

/// <summary>A 10-property reading of the kinds integrations send, implemented by the signals generator when this project builds.</summary>
[ClarifySignals]
public sealed partial record MeterReading(
    [property: ClarifySignal("bench/temperature", EngUnit = "°C")] double Temperature,
    [property: ClarifySignal("bench/pressure", EngUnit = "bar")] double Pressure,
    [property: ClarifySignal("bench/flow", EngUnit = "m³/h")] double Flow,
    [property: ClarifySignal("bench/level", EngUnit = "%")] double Level,
    [property: ClarifySignal("bench/outdoor")] double? Outdoor,
    [property: ClarifySignal("bench/setpoint")] double? Setpoint,
    [property: ClarifySignal("bench/burners")] int Burners,
    [property: ClarifySignal("bench/starts")] long Starts,
    [property: ClarifySignal("bench/alarm")] bool Alarm,
    [property: ClarifySignal("bench/state")] PumpState State);
