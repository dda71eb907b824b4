using System;
using System.Buffers;

namespace Clarify.Typed.Inserts;

/// <summary>
/// A growable byte buffer rented from the shared pool: for a <see cref="System.Text.Json.Utf8JsonWriter"/>
/// (a writer over a stream grows a buffer of its own per request, about 50 KB at a 16 KiB flush
/// threshold) and for the formatted columns of an insert chunk.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private readonly int _initialCapacity;
    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity)
    {
        _initialCapacity = initialCapacity;
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public int WrittenCount => _written;

    public void Clear() => _written = 0;

    /// <summary>Keeps only the bytes from <paramref name="offset"/> on, moved to the front.</summary>
    public void RemoveBefore(int offset)
    {
        _buffer.AsSpan(offset, _written - offset).CopyTo(_buffer);
        _written -= offset;
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>
    /// Hands the written bytes over in their rented array, which the caller returns to
    /// <see cref="ArrayPool{T}.Shared"/>; the writer starts again empty and rents anew when written to.
    /// </summary>
    public ArraySegment<byte> Detach()
    {
        var written = new ArraySegment<byte>(_buffer, 0, _written);
        _buffer = [];
        _written = 0;
        return written;
    }

    public void Dispose()
    {
        byte[] rented = _buffer;
        _buffer = [];
        _written = 0;
        if (rented.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Reserve(int sizeHint)
    {
        int needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(_buffer.Length * 2, _initialCapacity)));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
