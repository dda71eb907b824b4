using System;

namespace Clarify.Typed;

/// <summary>What is wrong with a SQLite writer store's file.</summary>
public enum ClarifySqliteStoreProblem
{
    /// <summary>SQLite failed in a way none of the other problems names; the message has SQLite's words.</summary>
    Failed,

    /// <summary>Another writer (another process, or another store in this one) has the file open: one writer per file.</summary>
    Locked,

    /// <summary>The file is damaged or is not a SQLite database of this store.</summary>
    Corrupt,

    /// <summary>The file or its folder cannot be created or written (missing folder, permissions, a full or read-only disk).</summary>
    Unwritable,

    /// <summary>The file was written by a newer version of Clarify.Typed.Sqlite, in a format this one does not read.</summary>
    NewerFormat,
}

/// <summary>
/// A <see cref="Ingestion.ClarifySqliteWriterStore"/> cannot use its file: <see cref="Problem"/> says
/// why, the message names the file and what to do. Nothing is lost by this error: points already
/// committed stay in the file, and a failed append stored none of its points.
/// </summary>
public sealed class ClarifySqliteStoreException : ClarifyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The store's file.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="message">The whole message: the file, what is wrong and what to do.</param>
    /// <param name="innerException">SQLite's error, when there is one.</param>
    public ClarifySqliteStoreException(string path, ClarifySqliteStoreProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>What is wrong.</summary>
    public ClarifySqliteStoreProblem Problem { get; }
}
