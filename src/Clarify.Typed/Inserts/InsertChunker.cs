using System.Collections.Generic;
using Clarify.Typed.Models;

namespace Clarify.Typed.Inserts;

/// <summary>
/// Rows <c>[Start, Start + Count)</c> of a frame, the bytes they add to an empty frame's JSON, and
/// those rows formatted (valid until the next chunk is formatted).
/// </summary>
internal readonly record struct InsertChunk(int Start, int Count, long RowBytes, FormattedColumns Formatted);

/// <summary>Splits an insert by rows so every request stays within the size limit.</summary>
internal static class InsertChunker
{
    /// <summary>Any id the client can send has at most this many digits; sizing with it makes plans independent of the id.</summary>
    private const long WidestId = long.MaxValue;

    /// <summary>
    /// Formats the rows chunk by chunk, as they are sent: greedy, in row order, each request at most
    /// <paramref name="maxRequestBytes"/>. Every row is formatted once, and the chunk's bytes are
    /// the ones sent, so sizes need no formatting pass of their own; at most one request's rows are held.
    /// </summary>
    /// <exception cref="ClarifyRequestTooLargeException">A row does not fit even alone (thrown before any chunk).</exception>
    public static IEnumerable<InsertChunk> Format(string integration, DataFrame frame, long maxRequestBytes)
    {
        long envelope = InsertRequestContent.EmptyEnvelopeBytes(WidestId, integration, frame);
        EnsureEveryRowFits(envelope, frame, maxRequestBytes);
        return FormatChunks(envelope, frame, maxRequestBytes);
    }

    private static void EnsureEveryRowFits(long envelope, DataFrame frame, long maxRequestBytes)
    {
        // A row is never longer than its widest possible text, so usually nothing needs counting.
        long widestRow = DataFrameRowWriter.MaxQuotedTimeLength + ((long)frame.Columns.Count * DataFrameRowWriter.MaxValueLength);
        if (envelope + widestRow <= maxRequestBytes)
        {
            return;
        }

        for (int row = 0; row < frame.RowCount; row++)
        {
            long rowBytes = DataFrameRowWriter.RowBytes(frame, row);
            if (envelope + rowBytes > maxRequestBytes)
            {
                throw new ClarifyRequestTooLargeException(row, envelope + rowBytes, maxRequestBytes);
            }
        }
    }

    private static IEnumerable<InsertChunk> FormatChunks(long envelope, DataFrame frame, long maxRequestBytes)
    {
        using var columns = new FormattedColumns(frame);
        long separator = 1 + frame.Columns.Count;
        int start = 0;
        long bytes = 0;
        for (int row = 0; row < frame.RowCount; row++)
        {
            long rowBytes = columns.Append(frame, row, first: row == start);
            long grown = row == start ? rowBytes : bytes + separator + rowBytes;
            if (envelope + grown > maxRequestBytes)
            {
                columns.EndChunk(withLastRow: false);
                yield return new InsertChunk(start, row - start, bytes, columns);
                columns.StartChunkWithLastRow();
                start = row;
                grown = rowBytes;
            }

            bytes = grown;
        }

        columns.EndChunk(withLastRow: true);
        yield return new InsertChunk(start, frame.RowCount - start, bytes, columns);
    }
}
