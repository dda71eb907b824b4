using System;
using System.ComponentModel;
using Clarify.Typed.Models;

namespace Clarify.Typed.Signals;

/// <summary>What generated <see cref="IClarifySignals{TSelf}"/> code calls; not meant to be called directly.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ClarifySignalValues
{
    /// <summary>A boolean as Clarify stores it: 1 or 0.</summary>
    public static double FromBoolean(bool value) => value ? 1d : 0d;

    /// <summary>A nullable boolean as Clarify stores it: 1, 0 or a gap.</summary>
    public static double? FromBoolean(bool? value) => value is bool b ? FromBoolean(b) : null;

    /// <summary>A stored value as a boolean: anything but 0 is true.</summary>
    public static bool ToBoolean(double value) => value != 0;

    /// <summary>A stored value or gap as a nullable boolean.</summary>
    public static bool? ToBoolean(double? value) => value is double v ? ToBoolean(v) : null;

    /// <summary>Whether a value is infinite, which Clarify refuses.</summary>
    public static bool IsInfinite(double value) => double.IsInfinity(value);

    /// <summary>Whether a value is infinite, which Clarify refuses; a gap is not.</summary>
    public static bool IsInfinite(double? value) => value is double v && double.IsInfinity(v);

    /// <summary>A value as a column holds it: NaN is a gap.</summary>
    public static double? GapIfNaN(double value) => double.IsNaN(value) ? null : value;

    /// <summary>A value or gap as a column holds it: NaN is a gap.</summary>
    public static double? GapIfNaN(double? value) => value is double v && double.IsNaN(v) ? null : value;

    /// <summary>The error for a gap that a non-nullable property cannot hold.</summary>
    /// <param name="time">The row's time.</param>
    /// <param name="inputKey">The series with the gap.</param>
    /// <param name="property">The property, e.g. <c>BoilerReading.Pressure</c>.</param>
    public static ClarifyDataFrameException Gap(DateTimeOffset time, string inputKey, string property) =>
        new([$"series \"{inputKey}\" has a gap at {ClarifyTime.ToText(time)}, but {property} cannot be null: make the property nullable to read gaps."]);
}
