using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clarify.Typed.Authentication;

/// <summary>
/// Fetches, shares and renews the access token of one set of client credentials. Create one per
/// credentials and share it between every client that uses them: Clarify's token endpoint is
/// costly and rate limited.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Single flight: however many callers need a token at once, one request is made and all of them get its result or its error.</item>
/// <item>A token is used until its <c>expires_in</c> minus <see cref="ClarifyTokenCacheOptions.ExpirySkew"/>; shortly before
/// (<see cref="ClarifyTokenCacheOptions.RefreshAhead"/>) one background request renews it while callers keep using it.</item>
/// <item>A failed request is never cached as a token. After a 429 or 5xx the endpoint is left alone for the server's
/// <c>Retry-After</c>, or an exponential back-off with jitter, capped; calls meanwhile fail with the same exception.
/// After any failed background refresh the next one also waits for a back-off, while the still-valid token stays in use.</item>
/// <item>A caller's cancellation only stops that caller's wait; the shared request runs on, bounded by
/// <see cref="ClarifyTokenCacheOptions.RequestTimeout"/>.</item>
/// </list>
/// </remarks>
public sealed class ClarifyTokenCache : IDisposable
{
    private readonly object _gate = new();
    private readonly TokenEndpoint _endpoint;
    private readonly TokenBackoff _backoff;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ClarifyTokenCacheOptions _cacheOptions;
    private readonly HttpClient? _ownedHttpClient;
    private readonly ClarifyMetrics _metrics;
    private readonly IClarifyTokenStore? _store;

    // The last token the API rejected with a 401: a store must not hand it back.
    private AccessToken? _rejected;

    // Read without the lock on the hot path (Volatile.Read); written under the lock or by compare-exchange.
    private AccessToken? _current;

    // Guarded by _gate; _inflight is also peeked without it to keep refresh-ahead lock-free while a refresh runs.
    private Task<AccessToken>? _inflight;
    private Task<AccessToken>? _backoffFailure;
    private DateTimeOffset _backoffUntil;

    // UTC ticks before which no background refresh starts: after any failure the still-valid
    // token is kept rather than asking again on every call. Read without the lock.
    private long _refreshNotBeforeTicks;

    private long _tokenRequestCount;
    private bool _disposed;

    /// <summary>Creates a cache that requests tokens through <paramref name="httpClient"/>.</summary>
    /// <param name="options">The client-credentials options whose tokens this cache holds.</param>
    /// <param name="httpClient">
    /// Sends the token requests. Its <see cref="HttpClient.BaseAddress"/> must be unset (it is set to
    /// <see cref="ClarifyOptions.ApiUrl"/>) or equal to it. It should not follow redirects, so the
    /// secret cannot be forwarded. The cache does not dispose it.
    /// </param>
    /// <param name="timeProvider">The clock for expiry, back-off and timeouts; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="logger">Receives token fetches, refreshes and back-offs; never a secret or a token.</param>
    /// <param name="cacheOptions">Skew, refresh-ahead, timeout and back-off; defaults suit Clarify.</param>
    /// <exception cref="ClarifyConfigurationException">The options are basic-auth credentials, which need no token, or a value is out of range.</exception>
    public ClarifyTokenCache(
        ClarifyOptions options,
        HttpClient httpClient,
        TimeProvider? timeProvider = null,
        ILogger<ClarifyTokenCache>? logger = null,
        ClarifyTokenCacheOptions? cacheOptions = null)
        : this(options, httpClient, ownsHttpClient: false, timeProvider, logger, cacheOptions, ClarifyMetrics.Shared)
    {
    }

    /// <summary>Creates a cache counting its token fetches on <paramref name="metrics"/>: the container's meter, with DI.</summary>
    internal ClarifyTokenCache(
        ClarifyOptions options,
        HttpClient httpClient,
        bool ownsHttpClient,
        TimeProvider? timeProvider,
        ILogger? logger,
        ClarifyTokenCacheOptions? cacheOptions,
        ClarifyMetrics metrics,
        IClarifyTokenStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        if (options.Credential.Type != ClarifyCredentialType.ClientCredentials)
        {
            throw new ClarifyConfigurationException(
                "a ClarifyTokenCache was created for basic-auth credentials, which are sent as they are and need no token: pass null as the token cache of ClarifyAuthenticationHandler");
        }

        // A copy, so later changes to the caller's instance cannot tear the cache's view of them.
        ClarifyTokenCacheOptions settings = cacheOptions ?? new ClarifyTokenCacheOptions();
        _cacheOptions = new ClarifyTokenCacheOptions
        {
            ExpirySkew = settings.ExpirySkew,
            RefreshAhead = settings.RefreshAhead,
            RequestTimeout = settings.RequestTimeout,
            InitialBackoff = settings.InitialBackoff,
            MaxBackoff = settings.MaxBackoff,
        };
        ClarifyConfigurationException.ThrowIfInvalid(_cacheOptions);

        Options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _backoff = new TokenBackoff(_cacheOptions.InitialBackoff, _cacheOptions.MaxBackoff);
        _endpoint = new TokenEndpoint(httpClient, options, _cacheOptions, _time);
        _ownedHttpClient = ownsHttpClient ? httpClient : null;
        _metrics = metrics;
        _store = store;
    }

    /// <summary>The options (api URL and credentials) whose tokens this cache holds.</summary>
    public ClarifyOptions Options { get; }

    /// <summary>How many token requests this cache has sent, for tests and telemetry.</summary>
    public long TokenRequestCount => Interlocked.Read(ref _tokenRequestCount);

    /// <summary>The token request under way, if any; lets tests wait for a background refresh.</summary>
    internal Task<AccessToken>? PendingFetch => Volatile.Read(ref _inflight);

    /// <summary>
    /// Creates a cache with its own connection to the token endpoint, for use without dependency
    /// injection. Dispose it when done.
    /// </summary>
    /// <param name="options">The client-credentials options whose tokens this cache holds.</param>
    /// <param name="primaryHandler">Sends the token requests; by default a <see cref="SocketsHttpHandler"/> that follows no redirects. Disposed with the cache only when created here.</param>
    /// <param name="timeProvider">The clock for expiry, back-off and timeouts; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="loggerFactory">Creates the cache's logger; none by default.</param>
    /// <param name="cacheOptions">Skew, refresh-ahead, timeout and back-off; defaults suit Clarify.</param>
    /// <exception cref="ClarifyConfigurationException">The options are basic-auth credentials, which need no token, or a value is out of range.</exception>
    public static ClarifyTokenCache Create(
        ClarifyOptions options,
        HttpMessageHandler? primaryHandler = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        ClarifyTokenCacheOptions? cacheOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // No redirects: a 307/308 would resend the form, secret included, wherever it points.
        HttpMessageHandler handler = primaryHandler ?? ClarifyHttpPipeline.CreatePrimaryHandler();

        // The cache enforces its own timeout with its TimeProvider.
        var httpClient = new HttpClient(handler, disposeHandler: primaryHandler is null) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            return new ClarifyTokenCache(options, httpClient, ownsHttpClient: true, timeProvider, loggerFactory?.CreateLogger<ClarifyTokenCache>(), cacheOptions, ClarifyMetrics.Shared);
        }
        catch
        {
            httpClient.Dispose();
            throw;
        }
    }

    /// <summary>Disposes the HTTP client the cache created, if any.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _ownedHttpClient?.Dispose();
    }

    /// <summary>
    /// A token that is valid now. Without lock or allocation while the cached token is fresh;
    /// inside the refresh window it still returns at once and starts one background refresh.
    /// </summary>
    internal ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        AccessToken? token = Volatile.Read(ref _current);
        if (token is not null)
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (now < token.RefreshAt)
            {
                return new ValueTask<AccessToken>(token);
            }

            if (now < token.ExpiresAt)
            {
                RefreshInBackground(token, now);
                return new ValueTask<AccessToken>(token);
            }
        }

        return new ValueTask<AccessToken>(WaitForTokenAsync(cancellationToken));
    }

    /// <summary>
    /// Forgets a token the API rejected, unless a newer token already replaced it (then the
    /// newer one is kept and no request is made on its account).
    /// </summary>
    internal void Invalidate(AccessToken rejected)
    {
        if (Interlocked.CompareExchange(ref _current, null, rejected) == rejected)
        {
            Volatile.Write(ref _rejected, rejected);
        }
    }

    private void RefreshInBackground(AccessToken stale, DateTimeOffset now)
    {
        if (Volatile.Read(ref _inflight) is not null || now.UtcTicks < Volatile.Read(ref _refreshNotBeforeTicks))
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed || _inflight is not null || _current != stale || now.UtcTicks < _refreshNotBeforeTicks)
            {
                return;
            }

            StartFetch(refreshingAhead: stale);
        }

        AuthenticationLog.RefreshAheadStarted(_logger, Options.Credential.ClientId, stale.ExpiresAt);
    }

    private async Task<AccessToken> WaitForTokenAsync(CancellationToken cancellationToken)
    {
        Task<AccessToken> fetch;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            AccessToken? token = _current;
            DateTimeOffset now = _time.GetUtcNow();
            if (token is not null && now < token.ExpiresAt)
            {
                return token;
            }

            fetch = _inflight
                ?? (now < _backoffUntil && _backoffFailure is not null ? _backoffFailure : StartFetch(refreshingAhead: null));
        }

        // WaitAsync ends only this caller's wait: the shared fetch keeps running for the others.
        return await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the one token request. Called under <see cref="_gate"/>.</summary>
    /// <param name="refreshingAhead">The still-valid token a background refresh replaces; null when callers wait for the answer.</param>
    private Task<AccessToken> StartFetch(AccessToken? refreshingAhead)
    {
        // With a store, another instance's token may do: the store's fetch counts instead.
        if (_store is null)
        {
            Interlocked.Increment(ref _tokenRequestCount);
        }

        // Created here, synchronously, so the timeout runs from now on the cache's clock.
        var timeout = new CancellationTokenSource(_cacheOptions.RequestTimeout, _time);

        // Task.Run keeps the request off this lock, and never lets it complete inline before _inflight is set.
        Task<AccessToken> fetch = Task.Run(() => FetchAsync(timeout, refreshingAhead));
        _inflight = fetch;

        // A background refresh may have no waiter; its failure is logged, so observe it here.
        fetch.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return fetch;
    }

    private async Task<AccessToken> FetchAsync(CancellationTokenSource timeout, AccessToken? refreshingAhead)
    {
        using (timeout)
        using (Activity? activity = ClarifyTelemetry.ActivitySource.StartActivity("clarify.token.fetch"))
        {
            try
            {
                AccessToken token = _store is null
                    ? await _endpoint.RequestAsync(_backoff, timeout.Token).ConfigureAwait(false)
                    : await GetFromStoreAsync(_store, refreshingAhead ?? Volatile.Read(ref _rejected), timeout.Token).ConfigureAwait(false);
                _metrics.TokenFetched(succeeded: true);
                lock (_gate)
                {
                    _current = token;
                    _inflight = null;
                    _backoffFailure = null;
                    _backoffUntil = default;
                    _refreshNotBeforeTicks = 0;
                    _backoff.Reset();
                }

                AuthenticationLog.TokenFetched(_logger, Options.Credential.ClientId, token.Lifetime, token.RefreshAt, token.ExpiresAt);
                return token;
            }
            catch (Exception ex)
            {
                _metrics.TokenFetched(succeeded: false);
                activity?.SetStatus(ActivityStatusCode.Error, (ex as ClarifyAuthenticationException)?.StatusCode?.ToString() ?? ex.GetType().Name);
                TimeSpan? backoff = (ex as ClarifyAuthenticationException)?.RetryAfter;
                DateTimeOffset nextRefreshAhead;
                lock (_gate)
                {
                    _inflight = null;
                    DateTimeOffset now = _time.GetUtcNow();

                    // Callers without a valid token may ask again at once unless the server is overloaded;
                    // background refreshes always wait, so a broken endpoint is not asked on every call.
                    nextRefreshAhead = now + (backoff ?? _backoff.Next(retryAfter: null));
                    Volatile.Write(ref _refreshNotBeforeTicks, nextRefreshAhead.UtcTicks);
                    if (backoff is { } delay)
                    {
                        _backoffUntil = now + delay;
                        _backoffFailure = Task.FromException<AccessToken>(ex);

                        // Callers during the back-off see it; if none comes, it must not surface as unobserved.
                        _ = _backoffFailure.Exception;
                    }
                }

                AuthenticationLog.TokenRequestFailed(_logger, Options.Credential.ClientId, (int?)(ex as ClarifyAuthenticationException)?.StatusCode, ex.Message);
                if (backoff is { } announced)
                {
                    AuthenticationLog.BackingOff(_logger, Options.Credential.ClientId, announced, _backoff.Failures);
                }

                if (refreshingAhead is not null)
                {
                    AuthenticationLog.RefreshAheadFailed(_logger, Options.Credential.ClientId, refreshingAhead.ExpiresAt, nextRefreshAhead);
                }

                throw;
            }
        }
    }

    /// <summary>Asks the store, which either hands over another instance's token or calls the endpoint through this cache.</summary>
    /// <param name="store">The store shared by the instances.</param>
    /// <param name="replacing">The token being refreshed ahead or rejected: not to be handed back.</param>
    /// <param name="timeout">The cache's request timeout; also bounds any wait for another instance.</param>
    private async Task<AccessToken> GetFromStoreAsync(IClarifyTokenStore store, AccessToken? replacing, CancellationToken timeout)
    {
        var request = new ClarifyTokenStoreRequest(
            Options,
            _time,
            replacing?.Value,
            shared => ToAccessToken(shared).ExpiresAt,
            shared => ToAccessToken(shared).RefreshAt,
            async cancellationToken =>
            {
                Interlocked.Increment(ref _tokenRequestCount);
                AccessToken fetched = await _endpoint.RequestAsync(_backoff, cancellationToken).ConfigureAwait(false);
                return new ClarifySharedToken(fetched.Value, fetched.RequestedAt, fetched.Lifetime);
            });
        try
        {
            return ToAccessToken(await store.GetOrFetchAsync(request, timeout).ConfigureAwait(false));
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw _endpoint.TimedOut(ex);
        }
    }

    private AccessToken ToAccessToken(ClarifySharedToken shared) =>
        new(shared.Value, shared.Lifetime, shared.RequestedAt, _cacheOptions.ExpirySkew, _cacheOptions.RefreshAhead);
}
