using System;
using System.Text;
using Clarify.Typed.Models;
using FsCheck.Xunit;

namespace Clarify.Typed.Tests.Models;

public class ClarifyTimeTests
{
    [Theory]
    [InlineData("0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.9999999+00:00", "9999-12-31T23:59:59.999999Z")]
    [InlineData("2026-11-29T01:02:03.1+00:00", "2026-11-29T01:02:03.1Z")]
    [InlineData("2026-11-29T01:02:03.000001+00:00", "2026-11-29T01:02:03.000001Z")]
    [InlineData("2026-11-29T01:02:03.0000009+00:00", "2026-11-29T01:02:03Z")]
    [InlineData("2026-11-29T01:02:03.12345+00:00", "2026-11-29T01:02:03.12345Z")]
    [InlineData("2026-01-01T00:30:00.5+02:00", "2025-12-31T22:30:00.5Z")]
    public void Timestamps_are_written_in_UTC_to_the_microsecond_without_trailing_zeros(string given, string expected)
    {
        DateTimeOffset time = DateTimeOffset.Parse(given, System.Globalization.CultureInfo.InvariantCulture);
        Span<byte> buffer = stackalloc byte[ClarifyTime.MaxLength];

        int written = ClarifyTime.FormatUtf8(time, buffer);

        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..written]));
        Assert.Equal(expected, ClarifyTime.ToText(time));
    }

    [Property(MaxTest = 2000)]
    public bool The_fast_writer_matches_the_pattern_formatter(long ticks, short offsetMinutes)
    {
        long utcTicks = Math.Abs(ticks % DateTime.MaxValue.Ticks);
        var offset = TimeSpan.FromMinutes(offsetMinutes % (14 * 60));
        DateTimeOffset time = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        if (utcTicks + offset.Ticks is >= 0 and <= 3155378975999999999)
        {
            time = time.ToOffset(offset);
        }

        Span<byte> buffer = stackalloc byte[ClarifyTime.MaxLength];
        int written = ClarifyTime.FormatUtf8(time, buffer);
        return Encoding.ASCII.GetString(buffer[..written]) == ClarifyTime.ToText(time);
    }
}
