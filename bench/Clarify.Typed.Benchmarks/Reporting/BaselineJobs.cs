using System;
using System.Collections.Generic;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Clarify.Typed.Benchmarks.Reporting;

/// <summary>
/// Before/after in one run (bench/compare.sh): each <c>--baseline label=path</c> adds a job that
/// builds the benchmarks against the Clarify.Typed assembly at <c>path</c> (an earlier commit's
/// build) instead of the working tree's, next to a job for the working tree. Without it the
/// arguments go to BenchmarkDotNet untouched.
/// </summary>
internal static class BaselineJobs
{
    /// <summary>The MSBuild property the benchmark project switches its Clarify.Typed reference on.</summary>
    private const string AssemblyProperty = "ClarifyTypedBaseline";

    public static (string[] Arguments, IConfig? Config) FromArguments(string[] args)
    {
        var rest = new List<string>();
        var baselines = new List<(string Label, string Path)>();
        Job job = Job.Default;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--baseline" && i + 1 < args.Length && args[i + 1].Split('=', 2) is [var label, var path])
            {
                baselines.Add((label, path));
                i++;
            }
            else if (args[i] == "--job" && i + 1 < args.Length)
            {
                // The jobs are made here when comparing, so BenchmarkDotNet must not add this one again.
                job = Named(args[i + 1]);
                i++;
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        if (baselines.Count == 0)
        {
            return (args, null);
        }

        ManualConfig config = ManualConfig.Create(DefaultConfig.Instance);
        foreach ((string label, string path) in baselines)
        {
            config.AddJob(job.WithArguments([new MsBuildArgument($"/p:{AssemblyProperty}={path}")]).WithId(label));
        }

        config.AddJob(job.WithId("working-tree"));

        // The job's name says which build it measured; the assembly path would only widen the table.
        config.HideColumns("Arguments");
        return (rest.ToArray(), config);
    }

    private static Job Named(string name) => name.ToUpperInvariant() switch
    {
        "DRY" => Job.Dry,
        "SHORT" => Job.ShortRun,
        "MEDIUM" => Job.MediumRun,
        "LONG" => Job.LongRun,
        "DEFAULT" => Job.Default,
        _ => throw new ArgumentException($"--job {name}: with --baseline, the job must be dry, short, medium, long or default."),
    };
}
