using System;
using System.Globalization;

namespace Clarify.Typed.Models;

/// <summary>How Clarify writes instants: UTC, RFC 3339, at most microsecond precision.</summary>
internal static class ClarifyTime
{
    /// <summary>The longest text <see cref="FormatUtf8"/> writes: <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>.</summary>
    public const int MaxLength = 27;

    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'";

    /// <summary>Drops the sub-microsecond ticks the server would drop anyway.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>
    /// Writes the UTF-8 text of an instant, truncated to the microsecond: the same text as
    /// <see cref="ToText"/>, written digit by digit because the pattern formatter dominated the
    /// cost of an insert.
    /// </summary>
    public static int FormatUtf8(DateTimeOffset time, Span<byte> destination)
    {
        if (destination.Length < MaxLength)
        {
            throw new ArgumentException($"A timestamp needs {MaxLength} bytes.", nameof(destination));
        }

        DateTime utc = time.UtcDateTime;
        utc.Deconstruct(out DateOnly date, out TimeOnly clock);
        WriteDigits(destination[..4], date.Year);
        destination[4] = (byte)'-';
        WriteDigits(destination.Slice(5, 2), date.Month);
        destination[7] = (byte)'-';
        WriteDigits(destination.Slice(8, 2), date.Day);
        destination[10] = (byte)'T';
        WriteDigits(destination.Slice(11, 2), clock.Hour);
        destination[13] = (byte)':';
        WriteDigits(destination.Slice(14, 2), clock.Minute);
        destination[16] = (byte)':';
        WriteDigits(destination.Slice(17, 2), clock.Second);
        int length = 19;
        int microseconds = (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10);
        if (microseconds != 0)
        {
            destination[length++] = (byte)'.';
            int digits = 6;
            while (microseconds % 10 == 0)
            {
                microseconds /= 10;
                digits--;
            }

            WriteDigits(destination.Slice(length, digits), microseconds);
            length += digits;
        }

        destination[length++] = (byte)'Z';
        return length;
    }

    private static void WriteDigits(Span<byte> destination, int value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>The RFC 3339 text of an instant.</summary>
    public static string ToText(DateTimeOffset time) =>
        ToMicroseconds(time).UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);
}
