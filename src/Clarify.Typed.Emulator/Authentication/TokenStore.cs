using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace Clarify.Typed.Emulator.Authentication;

/// <summary>What an access token presented to the RPC endpoint turned out to be.</summary>
internal enum TokenState
{
    Valid,
    Expired,
    Unknown,
}

/// <summary>The access tokens the emulator issued: opaque random strings with an expiry time.</summary>
internal sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public TokenStore(TimeProvider time, TimeSpan lifetime)
    {
        _time = time;
        _lifetime = lifetime;
    }

    public string Issue()
    {
        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _expiries[token] = _time.GetUtcNow() + _lifetime;
        return token;
    }

    public TokenState Check(string token) =>
        !_expiries.TryGetValue(token, out DateTimeOffset expiry) ? TokenState.Unknown
        : _time.GetUtcNow() >= expiry ? TokenState.Expired
        : TokenState.Valid;

    public void ExpireAll()
    {
        foreach (KeyValuePair<string, DateTimeOffset> entry in _expiries)
        {
            _expiries[entry.Key] = DateTimeOffset.MinValue;
        }
    }
}
