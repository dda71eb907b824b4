using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Benchmarks.Inserts;

/// <summary>A write-only sink that counts bytes and keeps only the first few (for the JSON-RPC id).</summary>
internal sealed class CountingStream(int prefixCapacity = 0) : Stream
{
    private readonly byte[] _prefix = new byte[prefixCapacity];
    private int _prefixLength;
    private long _length;

    public ReadOnlySpan<byte> Prefix => _prefix.AsSpan(0, _prefixLength);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_prefixLength < _prefix.Length)
        {
            int copied = Math.Min(buffer.Length, _prefix.Length - _prefixLength);
            buffer[..copied].CopyTo(_prefix.AsSpan(_prefixLength));
            _prefixLength += copied;
        }

        _length += buffer.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }
}
