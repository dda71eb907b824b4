using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Clarify.Typed.Benchmarks.Reporting;

/// <summary>
/// Facts a benchmark observes besides time and memory (token requests made, generator steps
/// re-run, bytes written), carried from the benchmark process to the host's summary table. Each
/// benchmark case runs in a process of its own, so they travel as one small file per fact in
/// the directory the host names in <see cref="DirectoryVariable"/>; every fact is also printed.
/// </summary>
internal static class BenchmarkFacts
{
    public const string DirectoryVariable = "CLARIFY_BENCH_FACTS_DIR";

    /// <summary>The key of one benchmark case: <c>Type.Method(Param=Value,...)</c>.</summary>
    public static string Key(string type, string method, params (string Name, object Value)[] parameters) =>
        parameters.Length == 0
            ? $"{type}.{method}"
            : $"{type}.{method}({string.Join(",", parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.Value}")))})";

    public static void Record(string key, string fact, string value)
    {
        Console.WriteLine($"// Fact {key}: {fact} = {value}");
        string? directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(PathOf(directory, key, fact), value);
    }

    public static string? Read(string key, string fact)
    {
        string? directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(directory))
        {
            return null;
        }

        string path = PathOf(directory, key, fact);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    /// <summary>A fresh directory for one run, so no fact of an earlier run can show up in its table.</summary>
    public static void StartRun(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        Environment.SetEnvironmentVariable(DirectoryVariable, directory);
    }

    private static string PathOf(string directory, string key, string fact)
    {
        char[] invalid = Path.GetInvalidFileNameChars();
        string name = new([.. $"{key}.{fact}".Select(c => invalid.Contains(c) ? '_' : c)]);
        return Path.Combine(directory, name + ".txt");
    }
}
