using System;

namespace Clarify.Typed.Ingestion;

/// <summary>Puts a <see cref="ClarifyWriter"/>'s pending points in a SQLite file.</summary>
public static class ClarifyWriterOptionsSqliteExtensions
{
    /// <summary>
    /// Makes the writer keep its pending points in a <see cref="ClarifySqliteWriterStore"/> in
    /// <paramref name="path"/>: the writer opens the file when it is created (resending what the
    /// file holds from before), owns the store and closes the file when it is disposed. Replaces
    /// any <see cref="ClarifyWriterOptions.Store"/>; <see cref="ClarifyWriterOptions.MaxPendingPoints"/>
    /// and <see cref="ClarifyWriterOptions.FullMode"/> (the in-memory store's) do not apply: the
    /// bound is <see cref="ClarifySqliteWriterStoreOptions.MaxPendingPoints"/>.
    /// </summary>
    /// <param name="options">The writer's options.</param>
    /// <param name="path">The file, e.g. <c>clarify-outbox.db</c>; its folder must exist. One writer per file.</param>
    /// <param name="configure">Sets the commit mode (<see cref="ClarifySqliteSynchronous"/>), the bound and what appends do at it.</param>
    /// <returns>The same options.</returns>
    public static ClarifyWriterOptions UseSqlite(this ClarifyWriterOptions options, string path, Action<ClarifySqliteWriterStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var storeOptions = new ClarifySqliteWriterStoreOptions();
        configure?.Invoke(storeOptions);
        options.Store = null;
        options.StoreFactory = writerOptions =>
        {
            storeOptions.TimeProvider ??= writerOptions.TimeProvider;
            return ClarifySqliteWriterStore.Open(path, storeOptions);
        };
        return options;
    }
}
