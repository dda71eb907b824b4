using System;
using System.Threading.Tasks;

namespace Clarify.Typed.Redis.Tests.Infrastructure;

/// <summary>
/// The test assembly's own entry point (the test SDK's empty one is turned off), so a test can run
/// an instance of a fleet as a separate process.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [FleetProcess.Argument])
        {
            return await FleetProcess.RunInstanceAsync();
        }

        await Console.Error.WriteLineAsync($"This is a test assembly: run it with dotnet test. '{FleetProcess.Argument}' runs one instance of a test's fleet.");
        return 2;
    }
}
