using System;
using System.Collections.Generic;
using System.ComponentModel;
using Clarify.Typed.Models;

namespace Clarify.Typed.Signals;

/// <summary>
/// A type whose properties are Clarify signals. Do not implement it by hand: mark a partial type
/// <see cref="ClarifySignalsAttribute"/> and the source generator implements it, so writing and
/// reading readings needs no reflection and works trimmed and with Native AOT. Use it through
/// <see cref="DataFrameBuilder.AddRow{TReading}"/>, <see cref="DataFrame.ReadRows{TReading}"/> and
/// <see cref="Ingestion.ClarifyWriter.WriteAsync{TReading}"/>.
/// </summary>
/// <typeparam name="TSelf">The type itself.</typeparam>
public interface IClarifySignals<TSelf>
    where TSelf : IClarifySignals<TSelf>
{
    /// <summary>The input keys, one per signal property, in the order of the value spans below; the same list on every call.</summary>
    static abstract IReadOnlyList<string> SignalInputKeys { get; }

    /// <summary>Every signal's metadata by input key, as <see cref="ClarifyClient.SaveSignalsAsync"/> takes it; a new dictionary on every call.</summary>
    static abstract IReadOnlyDictionary<string, SignalSave> Signals { get; }

    /// <summary>Puts each signal property's value of <paramref name="reading"/> at its index in <paramref name="values"/> (null is a gap).</summary>
    /// <param name="reading">The reading; not null.</param>
    /// <param name="values">As long as <see cref="SignalInputKeys"/>.</param>
    static abstract void WriteSignalValues(TSelf reading, Span<double?> values);

    /// <summary>
    /// Appends each signal property's value of <paramref name="reading"/> to its column, NaN and null as a gap,
    /// unless a <c>double</c> or <c>float</c> property is infinite (no other property type can be), which
    /// Clarify refuses: then it changes no column. For generated code: lets
    /// <see cref="DataFrameBuilder.AddRow{TReading}"/> fill its columns in one call, without a value buffer.
    /// </summary>
    /// <param name="reading">The reading; not null.</param>
    /// <param name="columns">One column per signal, in the order of <see cref="SignalInputKeys"/>.</param>
    /// <returns>False if a value is infinite and nothing was appended.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract bool TryAppendSignalValues(TSelf reading, ReadOnlySpan<List<double?>> columns);

    /// <summary>Creates a reading from one row's values, in the order of <see cref="SignalInputKeys"/>.</summary>
    /// <param name="time">The row's time, for the message of a gap a non-nullable property cannot hold.</param>
    /// <param name="values">As long as <see cref="SignalInputKeys"/>.</param>
    /// <exception cref="ClarifyDataFrameException">A value is a gap but its property is not nullable.</exception>
    static abstract TSelf ReadSignalValues(DateTimeOffset time, ReadOnlySpan<double?> values);
}
