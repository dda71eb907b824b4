using System;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;
using Clarify.Typed.Benchmarks.Loopback;
using Clarify.Typed.Benchmarks.Reporting;

namespace Clarify.Typed.Benchmarks;

internal static class Program
{
    public static async Task Main(string[] args)
    {
        if (args is [LoopbackServer.ServeCommand])
        {
            await LoopbackServer.ServeUntilParentExitsAsync();
            return;
        }

        // One server for the whole run, outside every benchmark process; they inherit its URL.
        await using LoopbackServer server = LoopbackServer.StartChildProcess();
        Environment.SetEnvironmentVariable(LoopbackServer.UrlVariable, server.ApiUrl.AbsoluteUri);
        BenchmarkFacts.StartRun(Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts", "facts"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
