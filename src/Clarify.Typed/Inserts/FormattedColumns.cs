using System;
using System.Collections.Generic;
using Clarify.Typed.Models;

namespace Clarify.Typed.Inserts;

/// <summary>
/// The array contents of one chunk, formatted once: the quoted timestamps, then each series'
/// values, comma-separated, in pooled buffers that the next chunk reuses. A request body is the
/// empty envelope with these bytes inside its arrays, so sending (and resending) copies bytes
/// instead of formatting every value again.
/// </summary>
internal sealed class FormattedColumns : IDisposable
{
    private const int InitialCapacity = 16 * 1024;

    private readonly PooledBufferWriter[] _columns;
    private readonly int[] _rowStarts;
    private readonly int[] _chunkLengths;

    public FormattedColumns(DataFrame frame)
    {
        _columns = new PooledBufferWriter[frame.Columns.Count + 1];
        for (int c = 0; c < _columns.Length; c++)
        {
            _columns[c] = new PooledBufferWriter(InitialCapacity);
        }

        _rowStarts = new int[_columns.Length];
        _chunkLengths = new int[_columns.Length];
    }

    /// <summary>The times' array contents (column 0), then each series' in the frame's order.</summary>
    public int Count => _columns.Length;

    /// <summary>The bytes inside column <paramref name="column"/>'s array for the current chunk.</summary>
    public ReadOnlyMemory<byte> Chunk(int column) => _columns[column].WrittenMemory[.._chunkLengths[column]];

    /// <summary>Formats a row after the ones held, and returns its bytes without separators.</summary>
    public long Append(DataFrame frame, int row, bool first)
    {
        long bytes = Finish(0, first, DataFrameRowWriter.FormatQuotedTime(frame.Times[row], Begin(0, first)));
        int column = 1;
        foreach (double?[] values in frame.Columns.Values)
        {
            bytes += Finish(column, first, DataFrameRowWriter.FormatValue(values[row], Begin(column, first)));
            column++;
        }

        return bytes;
    }

    /// <summary>Ends the chunk before the last appended row (or after it, when <paramref name="withLastRow"/>).</summary>
    public void EndChunk(bool withLastRow)
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            _chunkLengths[c] = withLastRow ? _columns[c].WrittenCount : _rowStarts[c];
        }
    }

    /// <summary>Starts the next chunk with the last appended row, dropping its leading comma.</summary>
    public void StartChunkWithLastRow()
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            _columns[c].RemoveBefore(_rowStarts[c] + 1);
            _rowStarts[c] = 0;
        }
    }

    public void Dispose()
    {
        foreach (PooledBufferWriter column in _columns)
        {
            column.Dispose();
        }
    }

    private Span<byte> Begin(int column, bool first)
    {
        PooledBufferWriter buffer = _columns[column];
        _rowStarts[column] = buffer.WrittenCount;
        Span<byte> span = buffer.GetSpan(1 + DataFrameRowWriter.MaxCellLength);
        if (first)
        {
            return span;
        }

        span[0] = (byte)',';
        return span[1..];
    }

    private int Finish(int column, bool first, int written)
    {
        _columns[column].Advance(first ? written : written + 1);
        return written;
    }
}
