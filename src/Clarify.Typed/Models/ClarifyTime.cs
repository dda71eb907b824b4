using System;
using System.Globalization;
using System.Text;

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

    /// <summary>Writes the UTF-8 text of an instant, truncated to the microsecond.</summary>
    public static int FormatUtf8(DateTimeOffset time, Span<byte> destination)
    {
        Span<char> chars = stackalloc char[MaxLength];
        if (!ToMicroseconds(time).UtcDateTime.TryFormat(chars, out int written, Pattern, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A timestamp did not fit its buffer.");
        }

        return Encoding.ASCII.GetBytes(chars[..written], destination);
    }

    /// <summary>The RFC 3339 text of an instant.</summary>
    public static string ToText(DateTimeOffset time) =>
        ToMicroseconds(time).UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);
}
