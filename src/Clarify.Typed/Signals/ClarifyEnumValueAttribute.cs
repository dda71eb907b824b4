using System;

namespace Clarify.Typed.Signals;

/// <summary>
/// The text Clarify shows for this member of an enum signal (its <c>enumValues</c> entry);
/// without it, the member's name.
/// </summary>
/// <param name="name">The text.</param>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class ClarifyEnumValueAttribute(string name) : Attribute
{
    /// <summary>The text Clarify shows for the member.</summary>
    public string Name { get; } = name;
}
