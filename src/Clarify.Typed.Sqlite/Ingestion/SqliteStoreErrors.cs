using System;
using Microsoft.Data.Sqlite;

namespace Clarify.Typed.Ingestion;

/// <summary>Turns SQLite's error codes into <see cref="ClarifySqliteStoreException"/>s that say which file and what to do.</summary>
internal static class SqliteStoreErrors
{
    private const int Permission = 3;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static ClarifySqliteStoreException Describe(string path, SqliteException error)
    {
        string sqlite = $"SQLite error {error.SqliteErrorCode}: {error.Message}";
        return (error.SqliteErrorCode & 0xFF) switch
        {
            Busy or Locked => LockedFile(path, error, sqlite),
            Corrupt or NotADatabase => CorruptFile(path, sqlite, error),
            Permission or ReadOnly or IoError or Full or CantOpen => new ClarifySqliteStoreException(path, ClarifySqliteStoreProblem.Unwritable,
                $"The Clarify writer store '{path}' cannot be opened or written ({sqlite}). Check that its folder exists, that this process may create and write files there, and that the disk has room and is not read-only. Appends that failed stored none of their points; points committed before are still in the file.",
                error),
            _ => new ClarifySqliteStoreException(path, ClarifySqliteStoreProblem.Failed,
                $"The Clarify writer store '{path}' failed ({sqlite}). Appends that failed stored none of their points; points committed before are still in the file.",
                error),
        };
    }

    public static ClarifySqliteStoreException CorruptFile(string path, string what, Exception? error = null) =>
        new(path, ClarifySqliteStoreProblem.Corrupt,
            $"The Clarify writer store '{path}' is damaged or is not a Clarify writer store ({what}). Stop the writer, move the file aside (keep it: it may hold points Clarify has not acknowledged, readable with the sqlite3 tool) and start with a new file.",
            error);

    private static ClarifySqliteStoreException LockedFile(string path, SqliteException error, string sqlite) =>
        new(path, ClarifySqliteStoreProblem.Locked,
            $"The Clarify writer store '{path}' is in use by another writer ({sqlite}): another process, or another ClarifySqliteWriterStore in this one, has it open. A store file takes one writer at a time, so two never send the same points: give each writer its own file, or stop the other one first.",
            error);
}
