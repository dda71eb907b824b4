using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Clarify.Typed.Emulator.Data;

/// <summary>RFC 3339 timestamps as Clarify stores them: microseconds since the Unix epoch.</summary>
internal static partial class Timestamps
{
    private const long TicksPerMicrosecond = 10;

    public static bool TryParse(string? text, out long microseconds)
    {
        microseconds = 0;
        if (text is null)
        {
            return false;
        }

        Match match = Rfc3339().Match(text);
        if (!match.Success)
        {
            return false;
        }

        // .NET reads at most 7 fraction digits; Clarify keeps 6, so the rest is dropped first.
        string fraction = match.Groups["fraction"].Value;
        string trimmed = match.Groups["base"].Value + (fraction.Length > 0 ? "." + fraction[..Math.Min(6, fraction.Length)] : string.Empty) + match.Groups["zone"].Value;
        if (!DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
        {
            return false;
        }

        microseconds = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;
        return true;
    }

    /// <summary>Formats like Go's RFC3339Nano in UTC: trailing zeros of the fraction dropped.</summary>
    public static string Format(long microseconds)
    {
        DateTimeOffset time = ToDateTimeOffset(microseconds);
        string text = time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return text + "Z";
    }

    public static long FromDateTimeOffset(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    public static DateTimeOffset ToDateTimeOffset(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (microseconds * TicksPerMicrosecond), TimeSpan.Zero);

    [GeneratedRegex(@"^(?<base>\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(?:\.(?<fraction>\d+))?(?<zone>[Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
