using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Clarify.Typed.Redis.Connection;

/// <summary>
/// The Redis that one integration shares its token and pace through, and the one rule for using it:
/// every operation is bounded by <see cref="ClarifyRedisOptions.OperationTimeout"/>, and any failure
/// (down, slow, refused) is an answer of "not now", never an exception for the caller.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>>? _multiplexer;
    private readonly bool _ownsMultiplexer;
    private readonly RedisAvailability _availability;

    /// <param name="connect">Connects (or returns the application's multiplexer); null when only a distributed cache is known, without a lock or pace.</param>
    /// <param name="ownsMultiplexer">Whether disposing this disposes the multiplexer.</param>
    /// <param name="options">Timeouts and key prefix.</param>
    /// <param name="time">The clock of the pause after a failure.</param>
    /// <param name="logger">Gets one line per outage.</param>
    public RedisConnection(Func<Task<IConnectionMultiplexer>>? connect, bool ownsMultiplexer, ClarifyRedisOptions options, TimeProvider time, ILogger logger)
    {
        _multiplexer = connect is null ? null : new Lazy<Task<IConnectionMultiplexer>>(async () => await LoadScriptsAsync(await connect().ConfigureAwait(false)).ConfigureAwait(false));
        _ownsMultiplexer = ownsMultiplexer;
        Options = options;
        Time = time;
        _availability = new RedisAvailability(options, time, logger);
    }

    public ClarifyRedisOptions Options { get; }

    /// <summary>How long connecting may take: a little longer than one operation, since it is a handshake or two.</summary>
    public static TimeSpan ConnectTimeout(ClarifyRedisOptions options) =>
        options.OperationTimeout > TimeSpan.FromSeconds(1) ? options.OperationTimeout : TimeSpan.FromSeconds(1);

    public TimeProvider Time { get; }

    /// <summary>The multiplexer, connecting on first use; for a cache that talks to the same Redis.</summary>
    public Task<IConnectionMultiplexer> GetMultiplexerAsync() =>
        _multiplexer?.Value ?? throw new InvalidOperationException("This Redis connection has no multiplexer: only a distributed cache was registered.");

    /// <summary>Whether Redis itself (not only a distributed cache) is known: locks and a shared pace need it.</summary>
    public bool HasRedis => _multiplexer is not null;

    /// <summary>Runs <paramref name="operation"/> on the database; false (and logged once per outage) when Redis failed, was slow or is paused.</summary>
    public Task<(bool Succeeded, T Value)> TryRedisAsync<T>(Func<IDatabase, Task<T>> operation, string aloneMeanwhile, CancellationToken cancellationToken)
    {
        if (_multiplexer is null)
        {
            return Task.FromResult((false, default(T)!));
        }

        return TryAsync<T>(async _ => await operation((await _multiplexer.Value.ConfigureAwait(false)).GetDatabase()).ConfigureAwait(false), aloneMeanwhile, cancellationToken);
    }

    /// <summary>Runs any cache operation under the same bound and availability.</summary>
    public async Task<(bool Succeeded, T Value)> TryAsync<T>(Func<CancellationToken, Task<T>> operation, string aloneMeanwhile, CancellationToken cancellationToken)
    {
        if (!_availability.ShouldTry())
        {
            return (false, default!);
        }

        if (_multiplexer is { } multiplexer && !multiplexer.Value.IsCompletedSuccessfully)
        {
            // The first use waits for the connection, bounded by its own timeout rather than an operation's.
            try
            {
                await multiplexer.Value.WaitAsync(ConnectTimeout(Options), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                _availability.Failed(ex, aloneMeanwhile);
                return (false, default!);
            }
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Options.OperationTimeout);
        try
        {
            // WaitAsync too: not every client honours its token.
            T value = await operation(bounded.Token).WaitAsync(Options.OperationTimeout, cancellationToken).ConfigureAwait(false);
            _availability.Succeeded();
            return (true, value);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _availability.Failed(ex, aloneMeanwhile);
            return (false, default!);
        }
    }

    /// <summary>Loads the scripts while connecting, so the first call that needs one does not compile it against its timeout.</summary>
    private static async Task<IConnectionMultiplexer> LoadScriptsAsync(IConnectionMultiplexer multiplexer)
    {
        try
        {
            foreach (System.Net.EndPoint endpoint in multiplexer.GetEndPoints())
            {
                IServer server = multiplexer.GetServer(endpoint);
                if (server.IsConnected && !server.IsReplica)
                {
                    foreach (string script in RedisScripts.All)
                    {
                        await server.ScriptLoadAsync(script).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Not connected yet, slow, or scripts refused: the first call sends the script itself.
        }

        return multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsMultiplexer && _multiplexer is { IsValueCreated: true } created)
        {
            try
            {
                IConnectionMultiplexer multiplexer = await created.Value.ConfigureAwait(false);
                await multiplexer.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // It never connected: nothing to close.
            }
        }
    }
}
