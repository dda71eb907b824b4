namespace Clarify.Typed.Ingestion;

/// <summary>
/// How hard a <see cref="ClarifySqliteWriterStore"/> commit pushes to the disk (SQLite's
/// <c>PRAGMA synchronous</c>, under its write-ahead log).
/// </summary>
public enum ClarifySqliteSynchronous
{
    /// <summary>
    /// The default. A commit is in the operating system's hands when an append completes: it
    /// survives the process being killed (kill -9, a crash), and the file is never corrupted, but a
    /// power loss or an operating-system crash can undo the last commits before the next
    /// checkpoint. No fsync per commit, so appends are fast.
    /// </summary>
    Normal,

    /// <summary>
    /// Every commit is fsynced to the disk before its appends complete: they also survive a power
    /// loss, at the cost of one fsync per group commit (milliseconds on many disks).
    /// </summary>
    Full,
}
