using System;
using System.IO;

namespace Clarify.Typed.Sqlite.Tests.Infrastructure;

/// <summary>A fresh folder for a test's store files under the test binaries (inside the repository), removed afterwards.</summary>
internal sealed class StoreFolder : IDisposable
{
    public StoreFolder()
    {
        Path = System.IO.Path.Combine(AppContext.BaseDirectory, "stores", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the folder is under bin/ and goes with it.
        }
    }
}
