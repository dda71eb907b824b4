using System;
using System.Security.Cryptography;
using System.Threading;

namespace Clarify.Typed.Emulator.Store;

/// <summary>
/// Makes resource ids shaped like Clarify's (xid: 20 characters of <c>[a-v0-9]</c>): a
/// timestamp, a random per-emulator part and a counter, so ids sort in creation order.
/// </summary>
internal sealed class ResourceIds
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuv";
    private readonly byte[] _instance = RandomNumberGenerator.GetBytes(5);
    private readonly TimeProvider _time;
    private int _counter = RandomNumberGenerator.GetInt32(1 << 20);

    public ResourceIds(TimeProvider time) => _time = time;

    public string Next()
    {
        Span<byte> raw = stackalloc byte[12];
        uint seconds = (uint)_time.GetUtcNow().ToUnixTimeSeconds();
        int counter = Interlocked.Increment(ref _counter) & 0xFFFFFF;
        raw[0] = (byte)(seconds >> 24);
        raw[1] = (byte)(seconds >> 16);
        raw[2] = (byte)(seconds >> 8);
        raw[3] = (byte)seconds;
        _instance.CopyTo(raw[4..]);
        raw[9] = (byte)(counter >> 16);
        raw[10] = (byte)(counter >> 8);
        raw[11] = (byte)counter;
        return Base32Hex(raw);
    }

    public static bool IsValid(string? id)
    {
        if (id is null || id.Length != 20)
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string Base32Hex(ReadOnlySpan<byte> raw)
    {
        // 12 bytes = 96 bits: 19 full 5-bit groups and one of 1 bit, padded like xid.
        Span<char> chars = stackalloc char[20];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        foreach (byte b in raw)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[index++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        chars[index] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(chars);
    }
}
