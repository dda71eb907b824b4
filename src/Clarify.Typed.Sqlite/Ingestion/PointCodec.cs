using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// The compact form of points in the store: a blob is a format byte followed by segments, one per
/// append. A segment is its own key table (count, then each key as length and UTF-8), the point
/// count, then per point the key index shifted left by one with the low bit set when there is a
/// value, the time as the zigzag difference in microseconds from the previous point's, and the
/// value as 8 little-endian bytes when there is one (a gap has none). Integers are LEB128
/// varints. Producers encode their own appends, so the single writer loop only concatenates.
/// </summary>
internal static class PointCodec
{
    public const byte FormatVersion = 1;

    private const int MaxVarintBytes = 10;

    [ThreadStatic]
    private static Dictionary<string, int>? t_keyIndex;

    [ThreadStatic]
    private static List<string>? t_keys;

    /// <summary>Encodes one append as a segment into a buffer rented from <see cref="ArrayPool{T}.Shared"/>; the caller returns it.</summary>
    public static byte[] EncodeSegment(ReadOnlySpan<WritePoint> points, out int length)
    {
        Dictionary<string, int> keyIndex = t_keyIndex ??= new Dictionary<string, int>(StringComparer.Ordinal);
        List<string> keys = t_keys ??= [];
        keyIndex.Clear();
        keys.Clear();
        long keyBytes = 0;
        string? previousKey = null;
        foreach (WritePoint point in points)
        {
            if (!ReferenceEquals(point.InputKey, previousKey) && keyIndex.TryAdd(point.InputKey, keys.Count))
            {
                keys.Add(point.InputKey);
                keyBytes += MaxVarintBytes + Encoding.UTF8.GetMaxByteCount(point.InputKey.Length);
            }

            previousKey = point.InputKey;
        }

        long bound = (2 * MaxVarintBytes) + keyBytes + ((long)points.Length * ((2 * MaxVarintBytes) + sizeof(double)));
        if (bound > Array.MaxLength)
        {
            throw new ArgumentException($"One append of {points.Length} points is too large to store as one batch: write them in smaller parts.", nameof(points));
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)bound);
        int position = 0;
        WriteVarint(buffer, ref position, (ulong)keys.Count);
        foreach (string key in keys)
        {
            int bytes = Encoding.UTF8.GetByteCount(key);
            WriteVarint(buffer, ref position, (ulong)bytes);
            position += Encoding.UTF8.GetBytes(key, buffer.AsSpan(position));
        }

        WriteVarint(buffer, ref position, (ulong)points.Length);
        long previousTime = 0;
        int index = -1;
        previousKey = null;
        foreach (WritePoint point in points)
        {
            if (!ReferenceEquals(point.InputKey, previousKey))
            {
                index = keyIndex[point.InputKey];
                previousKey = point.InputKey;
            }

            WriteVarint(buffer, ref position, ((ulong)index << 1) | (point.Value.HasValue ? 1UL : 0UL));
            long time = Microseconds(point.Time);
            WriteVarint(buffer, ref position, ZigZag(time - previousTime));
            previousTime = time;
            if (point.Value is double value)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(position), value);
                position += sizeof(double);
            }
        }

        length = position;
        return buffer;
    }

    /// <summary>A whole blob (format byte and one segment) of exactly its length, for the cold paths that store a blob of their own.</summary>
    public static byte[] EncodeBlob(ReadOnlySpan<WritePoint> points)
    {
        byte[] segment = EncodeSegment(points, out int length);
        try
        {
            var blob = new byte[length + 1];
            blob[0] = FormatVersion;
            segment.AsSpan(0, length).CopyTo(blob.AsSpan(1));
            return blob;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(segment);
        }
    }

    /// <summary>Reads every point of a stored blob (format byte and segments) into <paramref name="points"/>.</summary>
    /// <exception cref="FormatException">The blob is not in this format.</exception>
    public static void Decode(ReadOnlySpan<byte> blob, List<WritePoint> points)
    {
        if (blob.IsEmpty || blob[0] != FormatVersion)
        {
            throw new FormatException($"Stored points are in format {(blob.IsEmpty ? "(empty)" : blob[0])}, this version reads format {FormatVersion}.");
        }

        int position = 1;
        var keys = new List<string>();
        while (position < blob.Length)
        {
            keys.Clear();
            ulong keyCount = ReadVarint(blob, ref position);
            for (ulong k = 0; k < keyCount; k++)
            {
                int bytes = checked((int)ReadVarint(blob, ref position));
                keys.Add(Encoding.UTF8.GetString(blob.Slice(position, bytes)));
                position += bytes;
            }

            ulong count = ReadVarint(blob, ref position);
            long time = 0;
            for (ulong p = 0; p < count; p++)
            {
                ulong head = ReadVarint(blob, ref position);
                time += UnZigZag(ReadVarint(blob, ref position));
                double? value = null;
                if ((head & 1) != 0)
                {
                    value = BinaryPrimitives.ReadDoubleLittleEndian(blob.Slice(position, sizeof(double)));
                    position += sizeof(double);
                }

                points.Add(new WritePoint(keys[checked((int)(head >> 1))], FromMicroseconds(time), value));
            }
        }
    }

    /// <summary>Microseconds since the Unix epoch, rounded down (Clarify keeps times to the microsecond).</summary>
    public static long Microseconds(DateTimeOffset time) => Math.DivRem(time.UtcTicks - DateTime.UnixEpoch.Ticks, 10, out long rest) - (rest < 0 ? 1 : 0);

    public static DateTimeOffset FromMicroseconds(long microseconds) => new(DateTime.UnixEpoch.Ticks + (microseconds * 10), TimeSpan.Zero);

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static void WriteVarint(byte[] buffer, ref int position, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[position++] = (byte)value;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> blob, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = blob[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("A stored number is longer than 64 bits.");
    }
}
