using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Clarify.Typed.Authentication;

namespace Clarify.Typed.Redis.Tokens;

/// <summary>
/// Seals a shared token for the cache and opens it again: AES-256-GCM under a key derived from the
/// client secret with HKDF-SHA256 (the entry's key name as HKDF info and as associated data). Whoever
/// reads the cache without the secret learns nothing; an entry written under another secret, for
/// another key, or altered in any byte does not open.
/// </summary>
/// <remarks>Layout: version (1) | nonce (12) | tag (16) | ciphertext of requested-at ms (8) | lifetime ms (8) | token (UTF-8).</remarks>
internal sealed class TokenEntryProtector : IDisposable
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;
    private const int TimesSize = 16;
    private static readonly byte[] Salt = Encoding.UTF8.GetBytes("Clarify.Typed.Redis shared token v1");

    private readonly AesGcm _aes;
    private readonly byte[] _associatedData;

    public TokenEntryProtector(string clientSecret, string keyName)
    {
        byte[] info = Encoding.UTF8.GetBytes(keyName);
        byte[] secret = Encoding.UTF8.GetBytes(clientSecret);
        byte[] key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, Salt, info);
        try
        {
            _aes = new AesGcm(key, TagSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(secret);
        }

        _associatedData = [Version, .. info];
    }

    public byte[] Protect(ClarifySharedToken token)
    {
        int tokenBytes = Encoding.UTF8.GetByteCount(token.Value);
        byte[] plaintext = new byte[TimesSize + tokenBytes];
        byte[] entry = new byte[HeaderSize + plaintext.Length];
        try
        {
            BinaryPrimitives.WriteInt64BigEndian(plaintext, token.RequestedAt.ToUnixTimeMilliseconds());
            BinaryPrimitives.WriteInt64BigEndian(plaintext.AsSpan(8), (long)token.Lifetime.TotalMilliseconds);
            Encoding.UTF8.GetBytes(token.Value, plaintext.AsSpan(TimesSize));
            entry[0] = Version;
            Span<byte> nonce = entry.AsSpan(1, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            _aes.Encrypt(nonce, plaintext, entry.AsSpan(HeaderSize), entry.AsSpan(1 + NonceSize, TagSize), _associatedData);
            return entry;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The token in <paramref name="entry"/>, or null when it does not open with this key (other secret, other key, altered, unknown version).</summary>
    public ClarifySharedToken? TryUnprotect(byte[] entry)
    {
        if (entry.Length < HeaderSize + TimesSize + 1 || entry[0] != Version)
        {
            return null;
        }

        byte[] plaintext = new byte[entry.Length - HeaderSize];
        try
        {
            _aes.Decrypt(entry.AsSpan(1, NonceSize), entry.AsSpan(HeaderSize), entry.AsSpan(1 + NonceSize, TagSize), plaintext, _associatedData);
            long requestedAt = BinaryPrimitives.ReadInt64BigEndian(plaintext);
            long lifetime = BinaryPrimitives.ReadInt64BigEndian(plaintext.AsSpan(8));
            if (lifetime <= 0)
            {
                return null;
            }

            return new ClarifySharedToken(
                Encoding.UTF8.GetString(plaintext, TimesSize, plaintext.Length - TimesSize),
                DateTimeOffset.FromUnixTimeMilliseconds(requestedAt),
                TimeSpan.FromMilliseconds(lifetime));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public void Dispose() => _aes.Dispose();
}
