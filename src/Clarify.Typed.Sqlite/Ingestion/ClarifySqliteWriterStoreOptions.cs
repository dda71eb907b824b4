using System;

namespace Clarify.Typed.Ingestion;

/// <summary>How a <see cref="ClarifySqliteWriterStore"/> commits and how much it holds.</summary>
public sealed class ClarifySqliteWriterStoreOptions
{
    /// <summary>How hard a commit pushes to the disk. Default <see cref="ClarifySqliteSynchronous.Normal"/> (safe against kill -9, not against power loss).</summary>
    public ClarifySqliteSynchronous Synchronous { get; set; } = ClarifySqliteSynchronous.Normal;

    /// <summary>
    /// The bound in points (pending, plus appends waiting for their commit): appends beyond it
    /// wait or throw, as <see cref="FullMode"/> says. Default 10,000,000, roughly 100 MB of file.
    /// One append larger than the bound is taken when the store is empty.
    /// </summary>
    public long MaxPendingPoints { get; set; } = 10_000_000;

    /// <summary>What an append does at the bound. Default <see cref="ClarifyWriterFullMode.Wait"/>.</summary>
    public ClarifyWriterFullMode FullMode { get; set; } = ClarifyWriterFullMode.Wait;

    /// <summary>The clock of the batches' append times; <see cref="TimeProvider.System"/> when null (with <c>UseSqlite</c>, the writer's).</summary>
    public TimeProvider? TimeProvider { get; set; }
}
