using Clarify.Typed.Signals;

namespace Clarify.Typed.Quickstart;

/// <summary>
/// The quickstart's signals, declared once: the generator checks every key, label and duration at
/// compile time and adds the input key constants, the metadata for SaveSignalsAsync and a writer
/// and reader without reflection.
/// </summary>
[ClarifySignals]
internal sealed partial record BoilerReading(
    [property: ClarifySignal("quickstart/boiler-temperature", Name = "Boiler temperature", EngUnit = "°C",
        Labels = [BoilerReading.Source, BoilerReading.Site], SampleInterval = BoilerReading.EveryMinute, GapDetection = BoilerReading.GapAfter)] double Temperature,
    [property: ClarifySignal("quickstart/boiler-pressure", Name = "Boiler pressure", EngUnit = "bar",
        Labels = [BoilerReading.Source, BoilerReading.Site], SampleInterval = BoilerReading.EveryMinute, GapDetection = BoilerReading.GapAfter)] double Pressure,
    [property: ClarifySignal("quickstart/feed-flow", Name = "Feed water flow", EngUnit = "m³/h",
        Labels = [BoilerReading.Source, BoilerReading.Site], SampleInterval = BoilerReading.EveryMinute, GapDetection = BoilerReading.GapAfter)] double FeedFlow)
{
    // What every quickstart signal shares; the quickstart finds its items again by the source label.
    private const string Source = "source:quickstart";
    private const string Site = "site:demo-plant";
    private const string EveryMinute = "PT1M";
    private const string GapAfter = "PT5M";
}
