using Clarify.Typed.Generators.Model;

namespace Clarify.Typed.Generators.Signals
{
    /// <summary>How a signal property's value becomes Clarify's number and back.</summary>
    internal enum SignalValueKind
    {
        Double,
        Float,
        Int,
        Long,
        Decimal,
        Bool,
        Enum,
    }

    /// <summary>The outcome of one <c>[ClarifySignals]</c> type: what to emit (null on errors), its hint name, and every diagnostic.</summary>
    internal sealed record SignalsResult(string HintName, SignalsType? Type, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>Everything the emitter needs to write one type's signals, as plain values.</summary>
    /// <param name="Namespace">Empty for the global namespace.</param>
    /// <param name="ContainingTypes">The declarations of enclosing types, outermost first, e.g. <c>partial class Plant</c>.</param>
    /// <param name="Declaration">The type's own partial declaration, e.g. <c>partial record BoilerReading</c>.</param>
    /// <param name="FullyQualifiedName">E.g. <c>global::Sample.BoilerReading</c>.</param>
    /// <param name="DisplayName">E.g. <c>BoilerReading</c>, for docs and messages.</param>
    /// <param name="ConstructorArguments">The property identifiers a reader passes to the constructor, in order.</param>
    /// <param name="NotReadableReason">Why a reader cannot create the type, or null when it can.</param>
    internal sealed record SignalsType(
        string Namespace,
        EquatableArray<string> ContainingTypes,
        string Declaration,
        string FullyQualifiedName,
        string DisplayName,
        EquatableArray<SignalProperty> Properties,
        EquatableArray<string> ConstructorArguments,
        string? NotReadableReason);

    /// <summary>One signal property and its metadata, checked.</summary>
    /// <param name="Identifier">The property's name as C# source writes it (<c>@</c>-escaped keywords).</param>
    /// <param name="EnumType">The fully-qualified enum type of an enum signal.</param>
    /// <param name="EnumUnderlyingType">Its underlying integer type, e.g. <c>int</c>.</param>
    internal sealed record SignalProperty(
        string Identifier,
        string Name,
        string InputKey,
        string? DisplayName,
        string? EngUnit,
        string? Description,
        EquatableArray<SignalLabel> Labels,
        SignalDuration? SampleInterval,
        SignalDuration? GapDetection,
        string? SourceType,
        SignalValueKind Kind,
        bool IsNullable,
        string? EnumType,
        string? EnumUnderlyingType,
        EquatableArray<SignalEnumValue> EnumValues,
        bool InConstructor);

    /// <summary>One label key with its values, in the order written.</summary>
    internal sealed record SignalLabel(string Key, EquatableArray<string> Values);

    /// <summary>An ISO 8601 duration as written and as ticks.</summary>
    internal sealed record SignalDuration(string Text, long Ticks);

    /// <summary>One <c>enumValues</c> entry of an enum signal.</summary>
    internal sealed record SignalEnumValue(int Value, string Name);
}
