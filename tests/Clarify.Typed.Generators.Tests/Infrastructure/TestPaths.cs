using System;
using System.IO;

namespace Clarify.Typed.Generators.Tests.Infrastructure;

/// <summary>
/// Source-tree paths found from the test binaries, not [CallerFilePath]: CI builds map source
/// paths to /_/ (deterministic source paths), which would point nowhere.
/// </summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string TestProject => Path.Combine(RepositoryRoot, "tests", "Clarify.Typed.Generators.Tests");

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Directory.Packages.props) is not above " + AppContext.BaseDirectory);
    }
}
