using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Clarify.Typed.Benchmarks.Loopback;
using Clarify.Typed.Benchmarks.Reporting;

namespace Clarify.Typed.Benchmarks;

internal static class Program
{
    /// <returns>1 when a benchmark failed (threw, or did not run), so scripts and CI notice; else 0.</returns>
    public static async Task<int> Main(string[] args)
    {
        if (args is [LoopbackServer.ServeCommand])
        {
            await LoopbackServer.ServeUntilParentExitsAsync();
            return 0;
        }

        if (args is [HotPath.AllocationProfile.Command])
        {
            await HotPath.AllocationProfile.RunAsync();
            return 0;
        }

        // One server for the whole run, outside every benchmark process; they inherit its URL.
        await using LoopbackServer server = LoopbackServer.StartChildProcess();
        Environment.SetEnvironmentVariable(LoopbackServer.UrlVariable, server.ApiUrl.AbsoluteUri);
        if (args is [HotPath.InterleavedLoopback.Command])
        {
            await HotPath.InterleavedLoopback.RunAsync(server);
            return 0;
        }

        BenchmarkFacts.StartRun(Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts", "facts"));
        (string[] benchmarkArgs, IConfig? config) = BaselineJobs.FromArguments(args);
        IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(benchmarkArgs, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
