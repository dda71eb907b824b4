using System;
using Clarify.Typed.Models;

namespace Clarify.Typed.Signals;

/// <summary>
/// Makes a property of a <see cref="ClarifySignalsAttribute"/> type a Clarify signal. Its type
/// is <c>double</c>, <c>float</c>, <c>int</c>, <c>long</c>, <c>decimal</c>, <c>bool</c>, an enum,
/// or one of those nullable (null is a gap). Every argument is checked at compile time.
/// </summary>
/// <param name="inputKey">The signal's input key: 1 to 128 characters among <c>a-z A-Z 0-9 - _ : . # + /</c>, unique in the type.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ClarifySignalAttribute(string inputKey) : Attribute
{
    /// <summary>The signal's input key.</summary>
    public string InputKey { get; } = inputKey;

    /// <summary>The display name; the input key when not set (Clarify requires a name).</summary>
    public string? Name { get; set; }

    /// <summary>The engineering unit, e.g. <c>°C</c>.</summary>
    public string? EngUnit { get; set; }

    /// <summary>A description.</summary>
    public string? Description { get; set; }

    /// <summary>Labels as <c>key:value</c> texts, e.g. <c>site:oslo</c>; a key may appear several times.</summary>
    public string[]? Labels { get; set; }

    /// <summary>The expected time between values as an ISO 8601 duration, e.g. <c>PT1M</c>.</summary>
    public string? SampleInterval { get; set; }

    /// <summary>A longer time without values than this ISO 8601 duration (e.g. <c>PT5M</c>) is shown as a gap.</summary>
    public string? GapDetection { get; set; }

    /// <summary>Where the values come from; not sent when not set.</summary>
    public SourceKind SourceType { get; set; }
}
