using System;
using Clarify.Typed.Ingestion;

namespace Clarify.Typed.Sqlite.KillTarget;

/// <summary>The kill test's points: point i has one key, time and value, so the test can check each exactly.</summary>
public static class KillPoints
{
    /// <summary>Points per write (and per log record).</summary>
    public const int SpanPoints = 1000;

    /// <summary>Keys the points are spread over.</summary>
    public const int Keys = 8;

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The input key of point <paramref name="i"/>.</summary>
    public static string Key(int i) => KeyNames[i % Keys];

    /// <summary>Point <paramref name="i"/>: microsecond times, a value no other point has.</summary>
    public static WritePoint Point(int i) => new(Key(i), Time(i), Value(i));

    /// <summary>The time of point <paramref name="i"/>.</summary>
    public static DateTimeOffset Time(int i) => Start.AddTicks((i / Keys) * 10L * 1001);

    /// <summary>The value of point <paramref name="i"/>.</summary>
    public static double Value(int i) => i + 0.25;

    private static readonly string[] KeyNames = ["k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7"];
}
