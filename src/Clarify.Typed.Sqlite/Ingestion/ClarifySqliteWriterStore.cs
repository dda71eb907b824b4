using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// A durable <see cref="IClarifyWriterStore"/>: pending points in a SQLite file (write-ahead log,
/// one row per batch, points encoded compactly), so they survive restarts, crashes and kill -9
/// until Clarify acknowledges them. An append completes only once its points are committed; the
/// appends of all producers that arrive while a commit runs go into the next one (group commit),
/// so many producers cost few transactions. On open, what the file holds is pending again and is
/// resent; a batch leaves the file only when it is acknowledged. Points Clarify refused are kept
/// in their own table with its error. The file takes one store at a time (it is locked while
/// open). Thread-safe; dispose it to close the file.
/// </summary>
public sealed class ClarifySqliteWriterStore : IClarifyWriterStore, IAsyncDisposable, IDisposable
{
    /// <summary>The most points a row holds (an append is never split, so one larger append is a row of its own).</summary>
    internal const int MaxBatchPoints = 16_384;

    private const int SchemaVersion = 1;

    /// <summary>The most idle appends kept for reuse: more than the producers that usually wait on one commit, few enough to hold little memory.</summary>
    private const int MaxPooledAppends = 1024;

    /// <summary>"ClTy": marks the file as this store's for <c>PRAGMA application_id</c> and the <c>file</c> tool.</summary>
    private const int ApplicationId = 0x436C5479;

    private const int RowResult = 100;
    private const int DoneResult = 101;

    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly TimeProvider _time;
    private readonly Channel<Append> _appends = Channel.CreateUnbounded<Append>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writeLoop;
    private readonly ConcurrentQueue<Append> _idleAppends = new();
    private int _idleAppendCount;

    /// <summary>Guards the connection: one statement or transaction at a time.</summary>
    private readonly object _dbGate = new();

    /// <summary>Guards the pending batches' index and the bound.</summary>
    private readonly object _gate = new();

    /// <summary>Reserved points include the appends waiting for their commit; pending ones are committed.</summary>
    private readonly PendingBound _bound;
    private readonly LinkedList<Batch> _pending = new();
    private readonly List<Batch> _committing = [];
    private readonly sqlite3_stmt _begin;
    private readonly sqlite3_stmt _commit;
    private readonly sqlite3_stmt _rollback;
    private readonly sqlite3_stmt _insertBatch;
    private readonly sqlite3_stmt _deleteBatch;
    private readonly sqlite3_stmt _selectBatches;
    private byte[] _row = new byte[64 * 1024];
    private long _nextBatchId;
    private long _commits;
    private int _disposed;
    private bool _closed;

    private ClarifySqliteWriterStore(string path, ClarifySqliteWriterStoreOptions options, SqliteConnection connection)
    {
        Path = path;
        Synchronous = options.Synchronous;
        _bound = new PendingBound(options.MaxPendingPoints, options.FullMode);
        _time = options.TimeProvider ?? TimeProvider.System;
        _connection = connection;
        _db = connection.Handle!;
        Prepare(connection, options.Synchronous);
        LoadPending(connection);
        _begin = Statement("BEGIN IMMEDIATE");
        _commit = Statement("COMMIT");
        _rollback = Statement("ROLLBACK");
        _insertBatch = Statement("INSERT INTO batches (id, appended_at, point_count, points) VALUES (?1, ?2, ?3, ?4)");
        _deleteBatch = Statement("DELETE FROM batches WHERE id = ?1");
        _selectBatches = Statement("SELECT id, points FROM batches WHERE id BETWEEN ?1 AND ?2 ORDER BY id");
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>The store's file (a full path).</summary>
    public string Path { get; }

    /// <summary>How hard a commit pushes to the disk.</summary>
    public ClarifySqliteSynchronous Synchronous { get; }

    /// <summary>The bound in points.</summary>
    public long MaxPendingPoints => _bound.MaxPoints;

    /// <summary>What an append does at the bound.</summary>
    public ClarifyWriterFullMode FullMode => _bound.FullMode;

    /// <inheritdoc/>
    public long PendingPoints => _bound.PendingPoints;

    /// <inheritdoc/>
    public DateTimeOffset? OldestPendingTime
    {
        get
        {
            lock (_gate)
            {
                return _pending.First?.Value.AppendedAt;
            }
        }
    }

    /// <inheritdoc/>
    public long LastBatchId => _bound.LastBatchId;

    /// <summary>Transactions that stored appends so far (for tests of group commit).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// The lock every commit takes. A test that holds it makes the appends it queues meanwhile wait
    /// for one commit together, without depending on how fast the disk is.
    /// </summary>
    internal object CommitGate => _dbGate;

    /// <summary>Runs one statement on the store's own connection and returns its first value: the file is locked to that connection, so tests read and set pragmas through it.</summary>
    internal object? ExecuteScalar(string sql)
    {
        lock (_dbGate)
        {
            ThrowIfClosed();
            try
            {
                return Scalar(_connection, sql);
            }
            catch (SqliteException e)
            {
                throw SqliteStoreErrors.Describe(Path, e);
            }
        }
    }

    /// <summary>
    /// Opens the store in <paramref name="path"/>, creating the file when there is none; what it
    /// holds from before is pending again (<see cref="ReadPendingAsync"/> returns it first).
    /// </summary>
    /// <param name="path">The file; relative paths are from the current directory. Its folder must exist.</param>
    /// <param name="options">Commit mode and bound; defaults when null.</param>
    /// <exception cref="ClarifySqliteStoreException">The file is in use by another store, damaged, not this store's, or cannot be written.</exception>
    public static ClarifySqliteWriterStore Open(string path, ClarifySqliteWriterStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new ClarifySqliteWriterStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPendingPoints, 1, nameof(options.MaxPendingPoints));
        string fullPath = System.IO.Path.GetFullPath(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // the file must be closed (and its lock released) when the store is disposed
            DefaultTimeout = 1, // seconds a locked file is waited for before the typed error
        }.ToString());
        try
        {
            connection.Open();
            return new ClarifySqliteWriterStore(fullPath, options, connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw SqliteStoreErrors.Describe(fullPath, e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Await the returned <see cref="ValueTask"/> once: what backs it is pooled and reused by later appends.</remarks>
    /// <exception cref="ClarifySqliteStoreException">The commit failed (e.g. the disk is full): none of the points were stored.</exception>
    public ValueTask AppendAsync(ReadOnlyMemory<WritePoint> points, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (points.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        Task? room = TryReserve(points.Length);
        return room is null ? Enqueue(points.Span) : new ValueTask(AppendWhenRoomAsync(points, room, cancellationToken));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Allocates nothing while the store has room: the point is encoded at once and the append
    /// that waits for its commit is pooled. Await the returned <see cref="ValueTask"/> once: what
    /// backs it is reused by later appends.
    /// </remarks>
    /// <exception cref="ClarifySqliteStoreException">The commit failed (e.g. the disk is full): the point was not stored.</exception>
    public ValueTask AppendAsync(WritePoint point, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        Task? room = TryReserve(1);
        return room is null ? Enqueue(new ReadOnlySpan<WritePoint>(in point)) : new ValueTask(AppendWhenRoomAsync(new[] { point }, room, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ClarifyWriterBatch>> ReadPendingAsync(int maxPoints, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        var chosen = new List<Batch>();
        lock (_gate)
        {
            long points = 0;
            foreach (Batch batch in _pending)
            {
                if (chosen.Count > 0 && points + batch.Points > maxPoints)
                {
                    break;
                }

                points += batch.Points;
                chosen.Add(batch);
            }
        }

        if (chosen.Count == 0)
        {
            return ValueTask.FromResult<IReadOnlyList<ClarifyWriterBatch>>([]);
        }

        var read = new List<ClarifyWriterBatch>(chosen.Count);
        lock (_dbGate)
        {
            ThrowIfClosed();
            try
            {
                raw.sqlite3_bind_int64(_selectBatches, 1, chosen[0].Id);
                raw.sqlite3_bind_int64(_selectBatches, 2, chosen[^1].Id);
                int next = 0;
                int rc;
                while ((rc = raw.sqlite3_step(_selectBatches)) == RowResult)
                {
                    long id = raw.sqlite3_column_int64(_selectBatches, 0);
                    Batch batch = chosen[next++];
                    if (batch.Id != id)
                    {
                        throw SqliteStoreErrors.CorruptFile(Path, $"batch {batch.Id} is missing from the file, which holds batch {id} instead");
                    }

                    var points = new List<WritePoint>(batch.Points);
                    try
                    {
                        PointCodec.Decode(raw.sqlite3_column_blob(_selectBatches, 1), points);
                    }
                    catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
                    {
                        throw SqliteStoreErrors.CorruptFile(Path, $"batch {id} cannot be read: {e.Message}", e);
                    }

                    read.Add(new ClarifyWriterBatch(id, batch.AppendedAt, points));
                }

                Check(rc, DoneResult);
                if (next != chosen.Count)
                {
                    throw SqliteStoreErrors.CorruptFile(Path, $"batch {chosen[next].Id} is missing from the file");
                }
            }
            finally
            {
                raw.sqlite3_reset(_selectBatches);
            }
        }

        return ValueTask.FromResult<IReadOnlyList<ClarifyWriterBatch>>(read);
    }

    /// <inheritdoc/>
    public ValueTask AcknowledgeAsync(IReadOnlyList<ClarifyWriterBatch> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        lock (_dbGate)
        {
            ThrowIfClosed();
            InTransaction(() =>
            {
                foreach (ClarifyWriterBatch batch in batches)
                {
                    raw.sqlite3_bind_int64(_deleteBatch, 1, batch.Id);
                    Step(_deleteBatch);
                }
            });
        }

        var ids = batches.Select(b => b.Id).ToHashSet();
        long removed = 0;
        lock (_gate)
        {
            for (LinkedListNode<Batch>? node = _pending.First; node is not null && ids.Count > 0;)
            {
                LinkedListNode<Batch>? next = node.Next;
                if (ids.Remove(node.Value.Id))
                {
                    _pending.Remove(node);
                    removed += node.Value.Points;
                }

                node = next;
            }

            _bound.RemovePending(removed);
            _bound.Release(removed);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DeadLetterAsync(ClarifyDeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        (string type, string message, string? rpcMethod, string? rpcError) = StoredErrors.Save(deadLetter.Error);
        WritePoint[] points = deadLetter.Points.ToArray();
        lock (_dbGate)
        {
            ThrowIfClosed();
            using SqliteCommand insert = _connection.CreateCommand();
            insert.CommandText = "INSERT INTO dead_letters (at, error_type, error_message, rpc_method, rpc_error, point_count, points) VALUES ($at, $type, $message, $method, $error, $count, $points)";
            insert.Parameters.AddWithValue("$at", PointCodec.Microseconds(deadLetter.At));
            insert.Parameters.AddWithValue("$type", type);
            insert.Parameters.AddWithValue("$message", message);
            insert.Parameters.AddWithValue("$method", (object?)rpcMethod ?? DBNull.Value);
            insert.Parameters.AddWithValue("$error", (object?)rpcError ?? DBNull.Value);
            insert.Parameters.AddWithValue("$count", points.Length);
            insert.Parameters.AddWithValue("$points", PointCodec.EncodeBlob(points));
            Run(() => insert.ExecuteNonQuery());
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ClarifyDeadLetter>> ReadDeadLettersAsync(CancellationToken cancellationToken)
    {
        var deadLetters = new List<ClarifyDeadLetter>();
        lock (_dbGate)
        {
            ThrowIfClosed();
            using SqliteCommand select = _connection.CreateCommand();
            select.CommandText = "SELECT id, at, error_type, error_message, rpc_method, rpc_error, points FROM dead_letters ORDER BY id";
            Run(() =>
            {
                using SqliteDataReader reader = select.ExecuteReader();
                while (reader.Read())
                {
                    var points = new List<WritePoint>();
                    try
                    {
                        PointCodec.Decode(reader.GetFieldValue<byte[]>(6), points);
                    }
                    catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
                    {
                        throw SqliteStoreErrors.CorruptFile(Path, $"dead letter {reader.GetInt64(0)} cannot be read: {e.Message}", e);
                    }

                    ClarifyException error = StoredErrors.Load(
                        reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5));
                    deadLetters.Add(new ClarifyDeadLetter(points, error, PointCodec.FromMicroseconds(reader.GetInt64(1))));
                }
            });
        }

        return ValueTask.FromResult<IReadOnlyList<ClarifyDeadLetter>>(deadLetters);
    }

    /// <summary>Waits for the appends already made to be committed, then closes the file. Appends after this throw <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (BeginDispose())
        {
            await _writeLoop.ConfigureAwait(false);
            Close();
        }
    }

    /// <summary>Waits for the appends already made to be committed, then closes the file.</summary>
    public void Dispose()
    {
        if (BeginDispose())
        {
            _writeLoop.GetAwaiter().GetResult();
            Close();
        }
    }

    private static void Prepare(SqliteConnection connection, ClarifySqliteSynchronous synchronous)
    {
        // Exclusive before WAL: the file stays locked to this connection (one writer per file, so
        // two never send the same points), and the log needs no shared-memory index.
        Execute(connection, "PRAGMA locking_mode = EXCLUSIVE");
        long version = (long)Scalar(connection, "PRAGMA user_version")!;
        long application = (long)Scalar(connection, "PRAGMA application_id")!;
        long tables = (long)Scalar(connection, "SELECT count(*) FROM sqlite_master")!;
        string path = connection.DataSource;
        if (version > SchemaVersion)
        {
            throw new ClarifySqliteStoreException(path, ClarifySqliteStoreProblem.NewerFormat,
                $"The Clarify writer store '{path}' is in format {version}, written by a newer Clarify.Typed.Sqlite; this version reads format {SchemaVersion}. Use the newer version to send what it holds, or give this writer another file.");
        }

        if ((version == 0 && tables > 0) || (version > 0 && application != ApplicationId))
        {
            throw SqliteStoreErrors.CorruptFile(path, "the database holds tables of something else");
        }

        string journal = (string)Scalar(connection, "PRAGMA journal_mode = WAL")!;
        if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new ClarifySqliteStoreException(path, ClarifySqliteStoreProblem.Unwritable,
                $"The Clarify writer store '{path}' cannot use SQLite's write-ahead log (journal mode stays '{journal}'): put the file on a local disk that supports it.");
        }

        Execute(connection, synchronous == ClarifySqliteSynchronous.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");

        // A write even when the tables exist: it takes the file's exclusive lock now, so a second
        // store on the file fails when it opens, not at its first append.
        Execute(connection, $"""
            BEGIN IMMEDIATE;
            CREATE TABLE IF NOT EXISTS batches (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                appended_at INTEGER NOT NULL,
                point_count INTEGER NOT NULL,
                points BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS dead_letters (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at INTEGER NOT NULL,
                error_type TEXT NOT NULL,
                error_message TEXT NOT NULL,
                rpc_method TEXT,
                rpc_error TEXT,
                point_count INTEGER NOT NULL,
                points BLOB NOT NULL);
            PRAGMA application_id = {ApplicationId};
            PRAGMA user_version = {SchemaVersion};
            COMMIT;
            """);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void LoadPending(SqliteConnection connection)
    {
        long points = 0;
        using (SqliteCommand select = connection.CreateCommand())
        {
            select.CommandText = "SELECT id, appended_at, point_count FROM batches ORDER BY id";
            using SqliteDataReader reader = select.ExecuteReader();
            while (reader.Read())
            {
                var batch = new Batch(reader.GetInt64(0), PointCodec.FromMicroseconds(reader.GetInt64(1)), reader.GetInt32(2));
                _pending.AddLast(batch);
                points += batch.Points;
            }
        }

        object? sequence = Scalar(connection, "SELECT seq FROM sqlite_sequence WHERE name = 'batches'");
        _nextBatchId = Math.Max(sequence is long seq ? seq : 0, _pending.Last?.Value.Id ?? 0);
        _bound.Restore(points, _nextBatchId);
    }

    private sqlite3_stmt Statement(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out sqlite3_stmt statement), 0);
        return statement;
    }

    private bool BeginDispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return false;
        }

        _appends.Writer.TryComplete();
        lock (_gate)
        {
            // Appends waiting for room wake up and find the store disposed.
            _bound.WakeWaiters();
        }

        return true;
    }

    private void Close()
    {
        lock (_dbGate)
        {
            _closed = true;
            _begin.Dispose();
            _commit.Dispose();
            _rollback.Dispose();
            _insertBatch.Dispose();
            _deleteBatch.Dispose();
            _selectBatches.Dispose();
            _connection.Dispose();
        }
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_closed, this);

    /// <summary>Reserves room for the points, or returns the signal to wait for room on (or throws in <see cref="ClarifyWriterFullMode.Throw"/>).</summary>
    private Task? TryReserve(int points)
    {
        lock (_gate)
        {
            return _bound.TryReserve(points);
        }
    }

    private void Release(long points)
    {
        lock (_gate)
        {
            _bound.Release(points);
        }
    }

    private async Task AppendWhenRoomAsync(ReadOnlyMemory<WritePoint> points, Task room, CancellationToken cancellationToken)
    {
        await PendingBound.WhenRoomAsync(room, () =>
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return TryReserve(points.Length);
        }, cancellationToken).ConfigureAwait(false);
        await Enqueue(points.Span).ConfigureAwait(false);
    }

    /// <summary>Encodes the points (the producer does this work, not the single writer) and queues them for the next commit.</summary>
    private ValueTask Enqueue(ReadOnlySpan<WritePoint> points)
    {
        byte[] buffer;
        int length;
        try
        {
            buffer = PointCodec.EncodeSegment(points, out length);
        }
        catch
        {
            Release(points.Length);
            throw;
        }

        Append append = RentAppend();
        ValueTask committed = append.Start(buffer, length, points.Length);
        if (!_appends.Writer.TryWrite(append))
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Release(points.Length);
            ReturnAppend(append);
            throw new ObjectDisposedException(nameof(ClarifySqliteWriterStore));
        }

        return committed;
    }

    private Append RentAppend()
    {
        if (_idleAppends.TryDequeue(out Append? append))
        {
            Interlocked.Decrement(ref _idleAppendCount);
            return append;
        }

        return new Append(this);
    }

    /// <summary>Keeps an append whose producer has consumed its result (or that was never queued) for reuse.</summary>
    private void ReturnAppend(Append append)
    {
        if (Interlocked.Increment(ref _idleAppendCount) <= MaxPooledAppends)
        {
            _idleAppends.Enqueue(append);
        }
        else
        {
            Interlocked.Decrement(ref _idleAppendCount);
        }
    }

    /// <summary>The single writer: takes every append queued while the last commit ran and commits them together.</summary>
    private async Task WriteLoopAsync()
    {
        var group = new List<Append>();
        ChannelReader<Append> queue = _appends.Reader;
        while (await queue.WaitToReadAsync().ConfigureAwait(false))
        {
            while (queue.TryRead(out Append? append))
            {
                group.Add(append);
            }

            Exception? failure = null;
            try
            {
                CommitGroup(group);
            }
#pragma warning disable CA1031 // Every failure goes to the appends it concerns; the loop must go on for the next ones.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e is SqliteException sqlite ? SqliteStoreErrors.Describe(Path, sqlite) : e;
            }

            long points = 0;
            foreach (Append append in group)
            {
                ArrayPool<byte>.Shared.Return(append.Buffer);
                points += append.Points;
            }

            if (failure is not null)
            {
                Release(points);
            }

            // Last: once completed, an append may be consumed, pooled and reused by another producer.
            foreach (Append append in group)
            {
                append.Complete(failure);
            }

            group.Clear();
        }
    }

    private void CommitGroup(List<Append> group)
    {
        long appendedAt = PointCodec.Microseconds(_time.GetUtcNow());
        long firstId = _nextBatchId;
        _committing.Clear();
        lock (_dbGate)
        {
            try
            {
                InTransaction(() =>
                {
                    int next = 0;
                    while (next < group.Count)
                    {
                        int length = 1;
                        int points = 0;
                        _row[0] = PointCodec.FormatVersion;
                        do
                        {
                            Append append = group[next++];
                            EnsureRow(length + append.Length);
                            append.Buffer.AsSpan(0, append.Length).CopyTo(_row.AsSpan(length));
                            length += append.Length;
                            points += append.Points;
                        }
                        while (next < group.Count && points + group[next].Points <= MaxBatchPoints);

                        long id = ++_nextBatchId;
                        raw.sqlite3_bind_int64(_insertBatch, 1, id);
                        raw.sqlite3_bind_int64(_insertBatch, 2, appendedAt);
                        raw.sqlite3_bind_int(_insertBatch, 3, points);
                        raw.sqlite3_bind_blob(_insertBatch, 4, _row.AsSpan(0, length));
                        Step(_insertBatch);
                        _committing.Add(new Batch(id, PointCodec.FromMicroseconds(appendedAt), points));
                    }
                });
            }
            catch
            {
                _nextBatchId = firstId;
                throw;
            }
        }

        long committed = 0;
        lock (_gate)
        {
            foreach (Batch batch in _committing)
            {
                _pending.AddLast(batch);
                committed += batch.Points;
            }

            _bound.AddPending(committed);
            _bound.CompletedThrough(_nextBatchId);
        }

        Interlocked.Increment(ref _commits);
    }

    private void EnsureRow(int length)
    {
        if (length > _row.Length)
        {
            Array.Resize(ref _row, Math.Max(length, _row.Length * 2));
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction (the caller holds the connection's lock).</summary>
    private void InTransaction(Action work)
    {
        Step(_begin);
        try
        {
            work();
            Step(_commit);
        }
        catch
        {
            raw.sqlite3_reset(_rollback);
            raw.sqlite3_step(_rollback); // fails harmlessly when the failure already ended the transaction
            raw.sqlite3_reset(_rollback);
            throw;
        }
    }

    private void Step(sqlite3_stmt statement)
    {
        int rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        Check(rc, DoneResult);
    }

    private void Check(int rc, int expected)
    {
        if (rc != expected)
        {
            try
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
            catch (SqliteException e)
            {
                throw SqliteStoreErrors.Describe(Path, e);
            }

            throw new ClarifySqliteStoreException(Path, ClarifySqliteStoreProblem.Failed, $"The Clarify writer store '{Path}' got SQLite result {rc} where {expected} was expected.");
        }
    }

    private void Run(Action action)
    {
        try
        {
            action();
        }
        catch (SqliteException e)
        {
            throw SqliteStoreErrors.Describe(Path, e);
        }
    }

    private sealed class Batch(long id, DateTimeOffset appendedAt, int points)
    {
        public long Id { get; } = id;

        public DateTimeOffset AppendedAt { get; } = appendedAt;

        public int Points { get; } = points;
    }

    /// <summary>
    /// One queued append: its encoded points and the completion its producer awaits. Pooled: after
    /// the producer consumed the result (the awaiter's one <see cref="GetResult"/>) it goes back to
    /// the store for the next append, so a second await of the same <see cref="ValueTask"/> is
    /// refused rather than allowed to take another producer's result or pool it twice.
    /// </summary>
    private sealed class Append(ClarifySqliteWriterStore owner) : IValueTaskSource
    {
        /// <summary>No token matches it (tokens are shorts): the result was consumed, or the append is idle.</summary>
        private const int Consumed = int.MinValue;

        private ManualResetValueTaskSourceCore<bool> _done = new() { RunContinuationsAsynchronously = true };
        private int _awaitableToken = Consumed;

        public byte[] Buffer { get; private set; } = [];

        public int Length { get; private set; }

        public int Points { get; private set; }

        public ValueTask Start(byte[] buffer, int length, int points)
        {
            Buffer = buffer;
            Length = length;
            Points = points;
            _done.Reset();
            short token = _done.Version;
            Volatile.Write(ref _awaitableToken, token);
            return new ValueTask(this, token);
        }

        public void Complete(Exception? failure)
        {
            Buffer = [];
            if (failure is null)
            {
                _done.SetResult(true);
            }
            else
            {
                _done.SetException(failure);
            }
        }

        public ValueTaskSourceStatus GetStatus(short token) => _done.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _done.OnCompleted(continuation, state, token, flags);

        public void GetResult(short token)
        {
            // Only the first consumer of a completed append takes its result and pools it.
            if (_done.GetStatus(token) == ValueTaskSourceStatus.Pending
                || Interlocked.CompareExchange(ref _awaitableToken, Consumed, token) != token)
            {
                throw new InvalidOperationException("An append's ValueTask of ClarifySqliteWriterStore was awaited twice, or its result read before it completed: await each ValueTask once.");
            }

            try
            {
                _done.GetResult(token);
            }
            finally
            {
                owner.ReturnAppend(this);
            }
        }
    }
}
