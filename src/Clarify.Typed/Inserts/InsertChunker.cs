using System.Collections.Generic;
using Clarify.Typed.Models;

namespace Clarify.Typed.Inserts;

/// <summary>Rows <c>[Start, Start + Count)</c> of a frame, and the bytes they add to an empty frame's JSON.</summary>
internal readonly record struct InsertChunk(int Start, int Count, long RowBytes);

/// <summary>Splits an insert by rows so every request stays within the size limit.</summary>
internal static class InsertChunker
{
    /// <summary>Any id the client can send has at most this many digits; sizing with it makes plans independent of the id.</summary>
    private const long WidestId = long.MaxValue;

    /// <summary>Plans the chunks: greedy, in row order, each request at most <paramref name="maxRequestBytes"/>.</summary>
    /// <exception cref="ClarifyRequestTooLargeException">A row does not fit even alone.</exception>
    public static IReadOnlyList<InsertChunk> Plan(string integration, DataFrame frame, long maxRequestBytes)
    {
        long envelope = InsertRequestContent.EmptyEnvelopeBytes(WidestId, integration, frame);
        long separator = 1 + frame.Columns.Count;
        var chunks = new List<InsertChunk>();
        if (frame.RowCount == 0)
        {
            chunks.Add(new InsertChunk(0, 0, 0));
            return chunks;
        }

        int start = 0;
        long bytes = 0;
        for (int row = 0; row < frame.RowCount; row++)
        {
            long rowBytes = DataFrameRowWriter.RowBytes(frame, row);
            if (envelope + rowBytes > maxRequestBytes)
            {
                throw new ClarifyRequestTooLargeException(row, envelope + rowBytes, maxRequestBytes);
            }

            long grown = row == start ? rowBytes : bytes + separator + rowBytes;
            if (envelope + grown > maxRequestBytes)
            {
                chunks.Add(new InsertChunk(start, row - start, bytes));
                start = row;
                grown = rowBytes;
            }

            bytes = grown;
        }

        chunks.Add(new InsertChunk(start, frame.RowCount - start, bytes));
        return chunks;
    }
}
