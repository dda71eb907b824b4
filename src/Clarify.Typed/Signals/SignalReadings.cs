using System;

namespace Clarify.Typed.Signals;

/// <summary>What every consumer of <see cref="IClarifySignals{TSelf}"/> readings does first: check the reading and copy its values.</summary>
internal static class SignalReadings
{
    /// <summary>Up to this many signals per reading, the values live on the stack.</summary>
    public const int MaxStackValues = 64;

    /// <summary>Copies the reading's values into <paramref name="values"/> (as long as its input keys).</summary>
    /// <exception cref="ArgumentNullException">The reading is null.</exception>
    public static void Copy<TReading>(TReading reading, Span<double?> values)
        where TReading : IClarifySignals<TReading>
    {
        if (reading is null)
        {
            throw new ArgumentNullException(nameof(reading));
        }

        TReading.WriteSignalValues(reading, values);
    }
}
