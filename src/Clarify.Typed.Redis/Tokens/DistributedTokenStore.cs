using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.Redis.Connection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Clarify.Typed.Redis.Tokens;

/// <summary>
/// Shares each client's token through a distributed cache, sealed by <see cref="TokenEntryProtector"/>,
/// and lets one instance of the fleet fetch a missing token: it holds a short Redis lock
/// (<c>SET NX PX</c>, released only by its holder) while the others poll the cache for its entry. When
/// Redis fails, an instance fetches its own token, as it would without this package.
/// </summary>
internal sealed class DistributedTokenStore : IClarifyTokenStore, IDisposable
{
    private const string FetchesAlone = "each instance fetches its own Clarify token";


    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(250);

    private readonly IDistributedCache _cache;
    private readonly RedisConnection _redis;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ClarifyOptions, Entry> _entries = new();
    private int _rejectionLogged;

    public DistributedTokenStore(IDistributedCache cache, RedisConnection redis, ILogger logger)
    {
        _cache = cache;
        _redis = redis;
        _logger = logger;
    }

    public async Task<ClarifySharedToken> GetOrFetchAsync(ClarifyTokenStoreRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Entry entry = _entries.GetOrAdd(request.Options, options => new Entry(_redis.Options, options));
        (bool read, ClarifySharedToken? shared) = await TryReadAsync(entry, request, cancellationToken).ConfigureAwait(false);
        if (shared is not null)
        {
            return shared;
        }

        if (!read || !_redis.HasRedis)
        {
            return await FetchAndShareAsync(entry, request, cancellationToken).ConfigureAwait(false);
        }

        TimeProvider time = request.TimeProvider;
        DateTimeOffset giveUpAt = time.GetUtcNow() + _redis.Options.TokenLockWait;
        TimeSpan poll = FirstPoll;
        string lockValue = Guid.NewGuid().ToString("N");
        bool waitLogged = false;
        while (true)
        {
            (bool answered, bool locked) = await _redis.TryRedisAsync(
                db => db.StringSetAsync(entry.LockKey, lockValue, _redis.Options.TokenLockTime, When.NotExists),
                FetchesAlone,
                cancellationToken).ConfigureAwait(false);
            if (!answered)
            {
                return await FetchAndShareAsync(entry, request, cancellationToken).ConfigureAwait(false);
            }

            if (locked)
            {
                try
                {
                    // The previous holder may have shared its token between our read and our lock.
                    (_, shared) = await TryReadAsync(entry, request, cancellationToken).ConfigureAwait(false);
                    return shared ?? await FetchAndShareAsync(entry, request, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await _redis.TryRedisAsync(
                        db => db.ScriptEvaluateAsync(RedisScripts.ReleaseLock, [entry.LockKey], [lockValue]),
                        FetchesAlone,
                        CancellationToken.None).ConfigureAwait(false);
                }
            }

            if (!waitLogged)
            {
                RedisLog.WaitingForOtherInstance(_logger, request.Options.Credential.ClientId);
                waitLogged = true;
            }

            await Task.Delay(poll, time, cancellationToken).ConfigureAwait(false);
            poll = poll * 2 < LongestPoll ? poll * 2 : LongestPoll;
            (read, shared) = await TryReadAsync(entry, request, cancellationToken).ConfigureAwait(false);
            if (shared is not null)
            {
                return shared;
            }

            if (!read || time.GetUtcNow() >= giveUpAt)
            {
                if (read)
                {
                    RedisLog.GaveUpWaiting(_logger, request.Options.Credential.ClientId, _redis.Options.TokenLockWait);
                }

                return await FetchAndShareAsync(entry, request, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        foreach (Entry entry in _entries.Values)
        {
            entry.Protector.Dispose();
        }
    }

    /// <summary>Whether the cache answered, and the usable token it holds, if any.</summary>
    private async Task<(bool Read, ClarifySharedToken? Token)> TryReadAsync(Entry entry, ClarifyTokenStoreRequest request, CancellationToken cancellationToken)
    {
        (bool read, byte[]? sealedToken) = await _redis.TryAsync(ct => _cache.GetAsync(entry.Key, ct), FetchesAlone, cancellationToken).ConfigureAwait(false);
        if (!read || sealedToken is null)
        {
            return (read, null);
        }

        ClarifySharedToken? token = entry.Protector.TryUnprotect(sealedToken);
        if (token is null)
        {
            if (Interlocked.Exchange(ref _rejectionLogged, 1) == 0)
            {
                RedisLog.EntryRejected(_logger, entry.Key, request.Options.Credential.ClientId);
            }
            else
            {
                RedisLog.EntryRejectedAgain(_logger, entry.Key, request.Options.Credential.ClientId);
            }

            return (true, null);
        }

        if (!request.IsUsable(token))
        {
            return (true, null);
        }

        RedisLog.SharedTokenTaken(_logger, request.Options.Credential.ClientId, request.ExpiresAt(token));
        return (true, token);
    }

    private async Task<ClarifySharedToken> FetchAndShareAsync(Entry entry, ClarifyTokenStoreRequest request, CancellationToken cancellationToken)
    {
        ClarifySharedToken token = await request.FetchAsync(cancellationToken).ConfigureAwait(false);
        TimeSpan lifetime = request.ExpiresAt(token) - request.TimeProvider.GetUtcNow();
        if (lifetime > TimeSpan.Zero)
        {
            byte[] sealedToken = entry.Protector.Protect(token);
            await _redis.TryAsync(
                async ct =>
                {
                    await _cache.SetAsync(entry.Key, sealedToken, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime }, ct).ConfigureAwait(false);
                    return true;
                },
                FetchesAlone,
                CancellationToken.None).ConfigureAwait(false);
        }

        return token;
    }

    /// <summary>The cache key, lock key and sealing key of one set of credentials.</summary>
    private sealed class Entry
    {
        public Entry(ClarifyRedisOptions redisOptions, ClarifyOptions options)
        {
            Key = RedisKeys.Token(redisOptions, options);
            LockKey = RedisKeys.TokenLock(Key);
            Protector = new TokenEntryProtector(options.Credential.ClientSecret, Key);
        }

        public string Key { get; }

        public string LockKey { get; }

        public TokenEntryProtector Protector { get; }
    }
}
