using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Clarify.Typed.Emulator.Data;

/// <summary>An ISO 8601 duration (<c>PT1M</c>, <c>P1DT12H</c>, <c>P1W</c>...). Months and years have no fixed length.</summary>
internal readonly partial record struct IsoDuration(int Months, TimeSpan Fixed)
{
    public bool IsCalendar => Months != 0;

    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (text is null)
        {
            return false;
        }

        Match m = Pattern().Match(text);
        if (!m.Success || text == "P" || text.EndsWith('T'))
        {
            return false;
        }

        int months = (Number(m, "y") * 12) + Number(m, "mo");
        double seconds = m.Groups["s"].Success ? double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        TimeSpan fixedPart = TimeSpan.FromDays((Number(m, "w") * 7) + Number(m, "d"))
            + TimeSpan.FromHours(Number(m, "h")) + TimeSpan.FromMinutes(Number(m, "mi")) + TimeSpan.FromSeconds(seconds);
        duration = new IsoDuration(months, fixedPart);
        return true;
    }

    private static int Number(Match m, string group) =>
        m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:\.\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
