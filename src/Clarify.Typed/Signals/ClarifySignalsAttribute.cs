using System;

namespace Clarify.Typed.Signals;

/// <summary>
/// Marks a partial record, class or struct whose <see cref="ClarifySignalAttribute"/>
/// properties are Clarify signals. The Clarify.Typed source generator then implements
/// <see cref="IClarifySignals{TSelf}"/> for it at compile time: the input keys as constants
/// (<c>T.InputKeys</c>), the signals' metadata (<c>T.Signals</c>, for
/// <see cref="ClarifyClient.SaveSignalsAsync"/>), and a writer and reader without reflection.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ClarifySignalsAttribute : Attribute
{
}
