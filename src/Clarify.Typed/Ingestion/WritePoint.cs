using System;

namespace Clarify.Typed.Ingestion;

/// <summary>One value of one series at one time, as a <see cref="ClarifyWriter"/> takes it.</summary>
/// <param name="InputKey">The signal's input key (<c>^[a-zA-Z0-9-_:.#+/]{1,128}$</c>).</param>
/// <param name="Time">When; kept to the microsecond, as Clarify stores it.</param>
/// <param name="Value">The value; null is a gap.</param>
public readonly record struct WritePoint(string InputKey, DateTimeOffset Time, double? Value);
