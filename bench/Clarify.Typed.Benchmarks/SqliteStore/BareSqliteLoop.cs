using System;
using System.Buffers;
using System.Collections.Generic;
using Clarify.Typed.Ingestion;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Clarify.Typed.Benchmarks.SqliteStore;

/// <summary>
/// The limit for the SQLite store: the store's table, pragmas (exclusive lock, WAL, synchronous
/// NORMAL) and prepared statements, inserting rows already encoded as the store encodes them,
/// packed as the store packs one group commit of every producer's write (rows of at most
/// 16,384 points), one transaction per group. No producers, queue, waiting or encoding.
/// </summary>
internal sealed class BareSqliteLoop : IDisposable
{
    private const int Done = 101;

    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _begin;
    private readonly sqlite3_stmt _commit;
    private readonly sqlite3_stmt _insert;
    private readonly List<(byte[] Blob, int Points)> _rows = [];
    private readonly int _pointsPerTransaction;
    private long _nextId;

    public BareSqliteLoop(string path, IReadOnlyList<WritePoint[]> producerWrites, int pointsPerWrite)
    {
        _connection = new SqliteConnection($"Data Source={path};Pooling=False");
        _connection.Open();
        foreach (string sql in new[]
        {
            "PRAGMA locking_mode = EXCLUSIVE",
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = NORMAL",
            "CREATE TABLE batches (id INTEGER PRIMARY KEY AUTOINCREMENT, appended_at INTEGER NOT NULL, point_count INTEGER NOT NULL, points BLOB NOT NULL)",
        })
        {
            using SqliteCommand command = _connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        sqlite3 db = _connection.Handle!;
        _begin = Prepare(db, "BEGIN IMMEDIATE");
        _commit = Prepare(db, "COMMIT");
        _insert = Prepare(db, "INSERT INTO batches (id, appended_at, point_count, points) VALUES (?1, ?2, ?3, ?4)");

        var row = new List<byte> { PointCodec.FormatVersion };
        int rowPoints = 0;
        foreach (WritePoint[] write in producerWrites)
        {
            if (rowPoints > 0 && rowPoints + write.Length > ClarifySqliteWriterStore.MaxBatchPoints)
            {
                _rows.Add((row.ToArray(), rowPoints));
                row = [PointCodec.FormatVersion];
                rowPoints = 0;
            }

            byte[] segment = PointCodec.EncodeSegment(write, out int length);
            row.AddRange(segment.AsSpan(0, length).ToArray());
            ArrayPool<byte>.Shared.Return(segment);
            rowPoints += write.Length;
        }

        _rows.Add((row.ToArray(), rowPoints));
        _pointsPerTransaction = producerWrites.Count * pointsPerWrite;
    }

    /// <summary>The transactions <see cref="InsertAll"/> makes for <paramref name="totalPoints"/>.</summary>
    public long Transactions(int totalPoints) => totalPoints / _pointsPerTransaction;

    /// <returns>The transactions made.</returns>
    public long InsertAll(int totalPoints)
    {
        long transactions = Transactions(totalPoints);
        long appendedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        for (long t = 0; t < transactions; t++)
        {
            Step(_begin);
            foreach ((byte[] blob, int points) in _rows)
            {
                raw.sqlite3_bind_int64(_insert, 1, ++_nextId);
                raw.sqlite3_bind_int64(_insert, 2, appendedAt);
                raw.sqlite3_bind_int(_insert, 3, points);
                raw.sqlite3_bind_blob(_insert, 4, blob);
                Step(_insert);
            }

            Step(_commit);
        }

        return transactions;
    }

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _insert.Dispose();
        _connection.Dispose();
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        if (raw.sqlite3_prepare_v2(db, sql, out sqlite3_stmt statement) != 0)
        {
            throw new InvalidOperationException($"Cannot prepare '{sql}': {raw.sqlite3_errmsg(db).utf8_to_string()}");
        }

        return statement;
    }

    private void Step(sqlite3_stmt statement)
    {
        int rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != Done)
        {
            throw new InvalidOperationException($"SQLite step failed with {rc}: {raw.sqlite3_errmsg(_connection.Handle!).utf8_to_string()}");
        }
    }
}
