using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests;

/// <summary>Waits for a condition the emulator reaches on its own threads; the timeout is only a safety net.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail($"Timed out waiting until {what}");
            }

            await Task.Yield();
            await Task.Delay(5);
        }
    }
}
