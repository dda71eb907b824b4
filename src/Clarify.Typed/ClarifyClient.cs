using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.Diagnostics;
using Clarify.Typed.Inserts;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.Logging;
using Refit;

namespace Clarify.Typed;

/// <summary>
/// The typed Clarify client: one method per JSON-RPC method, plus inserts of any size (split
/// under the request limit), paging over every item or signal, and data frames over any time
/// range (split into the windows the server allows). Calls are paced to Clarify's rate limits.
/// Errors are <see cref="ClarifyRpcException"/>, <see cref="ClarifyHttpException"/>,
/// <see cref="ClarifyProtocolException"/> or, when no access token can be had or the server refuses
/// a fresh one, <see cref="ClarifyAuthenticationException"/>.
/// </summary>
public sealed class ClarifyClient : IDisposable
{
    private readonly ClarifyOptions _options;
    private readonly ClarifyClientOptions _clientOptions;
    private readonly RpcCaller _caller;
    private readonly ClarifyMetrics _metrics;
    private readonly HttpClient? _httpClient;
    private HttpClient? _ownedHttpClient;
    private ClarifyTokenCache? _ownedTokenCache;

    /// <summary>Creates a client over an HttpClient that already authenticates requests.</summary>
    /// <param name="authenticatedHttpClient">Its <see cref="HttpClient.BaseAddress"/> is set to <see cref="ClarifyOptions.ApiUrl"/> when empty.</param>
    /// <param name="options">The integration.</param>
    /// <param name="clientOptions">Request size, page size and rate limits; defaults when null.</param>
    /// <param name="timeProvider">The clock of the rate limiter; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ClarifyConfigurationException">A client option is out of range; the message lists every such option.</exception>
    public ClarifyClient(HttpClient authenticatedHttpClient, ClarifyOptions options, ClarifyClientOptions? clientOptions = null, TimeProvider? timeProvider = null)
        : this(authenticatedHttpClient, options, clientOptions, timeProvider, ClarifyMetrics.Shared)
    {
    }

    /// <summary>
    /// Creates a client that records on <paramref name="metrics"/> (its container's meter, with DI) and
    /// paces with the limiters of <paramref name="rateLimiterFactory"/>, if any.
    /// </summary>
    internal ClarifyClient(HttpClient authenticatedHttpClient, ClarifyOptions options, ClarifyClientOptions? clientOptions, TimeProvider? timeProvider, ClarifyMetrics metrics, IClarifyRateLimiterFactory? rateLimiterFactory = null)
        : this(CreateApi(authenticatedHttpClient, options), options, clientOptions, timeProvider, metrics, rateLimiterFactory)
    {
        _httpClient = authenticatedHttpClient;
    }

    /// <summary>Creates a client over a Refit implementation of the RPC interface (tests use it with a fake).</summary>
    internal ClarifyClient(IClarifyRpcApi api, ClarifyOptions options, ClarifyClientOptions? clientOptions = null, TimeProvider? timeProvider = null, ClarifyMetrics? metrics = null, IClarifyRateLimiterFactory? rateLimiterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clientOptions = clientOptions ?? new ClarifyClientOptions();
        ClarifyConfigurationException.ThrowIfInvalid(_clientOptions);
        _metrics = metrics ?? ClarifyMetrics.Shared;
        _caller = new RpcCaller(api, _clientOptions, timeProvider ?? TimeProvider.System, _metrics, options, rateLimiterFactory);
    }

    /// <summary>The instruments it records on (its container's, with DI), which a writer over it shares.</summary>
    internal ClarifyMetrics Metrics => _metrics;

    /// <summary>
    /// <c>integration.insert</c>: writes a data frame. A frame whose request would exceed
    /// <see cref="ClarifyClientOptions.MaxRequestBytes"/> is sent as several calls of consecutive
    /// rows; the results are merged (a signal counts as created if any call created it).
    /// </summary>
    /// <exception cref="ClarifyRequestTooLargeException">A single row does not fit in a request.</exception>
    public async Task<InsertResult> InsertAsync(DataFrame data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        IEnumerable<InsertChunk> chunks = InsertChunker.Format(_options.IntegrationId, data, _clientOptions.MaxRequestBytes);
        var merged = new InsertResult();
        foreach (InsertChunk chunk in chunks)
        {
            InsertResult part = await _caller.CallAsync(
                ClarifyRpcCalls.Insert,
                new InsertCall(_options.IntegrationId, data, chunk, _metrics),
                cancellationToken).ConfigureAwait(false);
            InsertResults.Add(merged, part);
        }

        return merged;
    }

    /// <summary><c>integration.saveSignals</c>: creates or updates signals by input key.</summary>
    public Task<SaveSignalsResult> SaveSignalsAsync(IReadOnlyDictionary<string, SignalSave> signalsByInput, bool createOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signalsByInput);
        var parameters = new SaveSignalsParams
        {
            Integration = _options.IntegrationId,
            SignalsByInput = signalsByInput.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal),
            CreateOnly = createOnly,
        };
        return _caller.CallAsync(ClarifyRpcCalls.SaveSignals, parameters, cancellationToken);
    }

    /// <summary><c>admin.selectSignals</c>: one page of the integration's signals.</summary>
    /// <param name="query">Filter, sort and page; the server's defaults when null.</param>
    /// <param name="include">Related resources to include, e.g. <c>item</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Selection<List<Resource<SignalAttributes>>>> SelectSignalsAsync(ResourceQuery? query = null, IEnumerable<string>? include = null, CancellationToken cancellationToken = default)
    {
        var parameters = new SelectSignalsParams { Integration = _options.IntegrationId, Query = query ?? new(), Include = include?.ToList() };
        return _caller.CallAsync(ClarifyRpcCalls.SelectSignals, parameters, cancellationToken);
    }

    /// <summary><c>admin.publishSignals</c>: publishes signals as items, by signal id.</summary>
    public Task<PublishSignalsResult> PublishSignalsAsync(IReadOnlyDictionary<string, ItemSave> itemsBySignal, bool createOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemsBySignal);
        var parameters = new PublishSignalsParams
        {
            Integration = _options.IntegrationId,
            ItemsBySignal = itemsBySignal.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal),
            CreateOnly = createOnly,
        };
        return _caller.CallAsync(ClarifyRpcCalls.PublishSignals, parameters, cancellationToken);
    }

    /// <summary><c>clarify.selectItems</c>: one page of items.</summary>
    public Task<Selection<List<Resource<ItemAttributes>>>> SelectItemsAsync(ResourceQuery? query = null, IEnumerable<string>? include = null, CancellationToken cancellationToken = default)
    {
        var parameters = new SelectItemsParams { Query = query ?? new(), Include = include?.ToList() };
        return _caller.CallAsync(ClarifyRpcCalls.SelectItems, parameters, cancellationToken);
    }

    /// <summary>Every signal matching the query, fetched page by page (limit/skip) until the total is reached.</summary>
    /// <param name="query">Filter and sort; its limit and skip are managed here (the page size is <see cref="ClarifyClientOptions.PageSize"/>).</param>
    /// <param name="cancellationToken">Cancels the paging.</param>
    public IAsyncEnumerable<Resource<SignalAttributes>> SelectAllSignalsAsync(ResourceQuery? query = null, CancellationToken cancellationToken = default) =>
        ResourcePaging.PageAsync(query, _clientOptions.PageSize, (page, ct) => SelectSignalsAsync(page, null, ct), cancellationToken);

    /// <summary>Every item matching the query, fetched page by page (limit/skip) until the total is reached.</summary>
    /// <param name="query">Filter and sort; its limit and skip are managed here (the page size is <see cref="ClarifyClientOptions.PageSize"/>).</param>
    /// <param name="cancellationToken">Cancels the paging.</param>
    public IAsyncEnumerable<Resource<ItemAttributes>> SelectAllItemsAsync(ResourceQuery? query = null, CancellationToken cancellationToken = default) =>
        ResourcePaging.PageAsync(query, _clientOptions.PageSize, (page, ct) => SelectItemsAsync(page, null, ct), cancellationToken);

    /// <summary>
    /// <c>clarify.dataFrame</c>: the data of the selected items. A time range longer than the
    /// server allows for the rollup (40 days raw, 400 days for PT1M or more, 1900 for PT24H or
    /// more, 3660 for P30D or more) is fetched window by window and stitched into one frame.
    /// </summary>
    /// <param name="query">Which items (at most 50).</param>
    /// <param name="data">The time range, rollup and series.</param>
    /// <param name="include">Related resources to include, e.g. <c>item</c>.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<Selection<DataFrame>> DataFrameAsync(ResourceQuery? query, DataQuery data, IEnumerable<string>? include = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<string>? includeList = include?.ToList();
        if (data.Filter is not { From: DateTimeOffset from, To: DateTimeOffset to } filter)
        {
            return await DataFrameWindowAsync(query, data, includeList, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> windows = DataFrameWindows.Split(from, to, data.Rollup);
        if (windows.Count == 1)
        {
            return await DataFrameWindowAsync(query, data, includeList, cancellationToken).ConfigureAwait(false);
        }

        if (data.Last is not null)
        {
            throw new ArgumentException("DataQuery.Last cannot be combined with a time range longer than one server window; shorten the range or drop Last.", nameof(data));
        }

        var selections = new List<Selection<DataFrame>>(windows.Count);
        foreach ((DateTimeOffset windowFrom, DateTimeOffset windowTo) in windows)
        {
            DataQuery windowQuery = data.WithFilter(filter.WithRange(windowFrom, windowTo));
            selections.Add(await DataFrameWindowAsync(query, windowQuery, includeList, cancellationToken).ConfigureAwait(false));
        }

        return DataFrameWindows.Stitch(selections);
    }

    /// <summary><c>clarify.evaluate</c>: computes formulas over aggregated item data (a rollup is required).</summary>
    public Task<Selection<DataFrame>> EvaluateAsync(IEnumerable<EvaluateItem> items, IEnumerable<Calculation> calculations, DataQuery data, IEnumerable<string>? include = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(calculations);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rollup is null)
        {
            throw new ArgumentException("clarify.evaluate needs DataQuery.Rollup (a duration such as PT1H, or Rollup.Window).", nameof(data));
        }

        var parameters = new EvaluateParams { Items = items.ToList(), Calculations = calculations.ToList(), Data = data, Include = include?.ToList() };
        return _caller.CallAsync(ClarifyRpcCalls.Evaluate, parameters, cancellationToken);
    }

    /// <summary><c>admin.connectSignals</c> (API 1.2alpha1): connects the selected signals to an item.</summary>
    public Task<Selection<List<Resource<SignalAttributes>>>> ConnectSignalsAsync(string itemId, ResourceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new ConnectSignalsParams { Integration = _options.IntegrationId, Item = itemId, Query = query };
        return _caller.CallAsync(ClarifyRpcCalls.ConnectSignals, parameters, cancellationToken);
    }

    /// <summary>
    /// <c>admin.disconnectSignals</c> (API 1.2alpha1): disconnects the selected signals from
    /// whatever item they are connected to (the method takes no item).
    /// </summary>
    public Task<Selection<List<Resource<SignalAttributes>>>> DisconnectSignalsAsync(ResourceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new DisconnectSignalsParams { Integration = _options.IntegrationId, Query = query };
        return _caller.CallAsync(ClarifyRpcCalls.DisconnectSignals, parameters, cancellationToken);
    }

    /// <summary>
    /// Creates a client with its own authenticated pipeline (token cache, authentication handler,
    /// connection pool), for use without dependency injection; with DI use
    /// <c>services.AddClarify(options)</c> instead. Dispose the client when done.
    /// </summary>
    /// <param name="options">The integration, e.g. <c>ClarifyCredentials.Options</c>.</param>
    /// <param name="clientOptions">Request size, page size and rate limits; defaults when null.</param>
    /// <param name="loggerFactory">Receives token and 401-replay logs (never a secret or token); none when null.</param>
    /// <param name="primaryHandler">The innermost handler that sends API and token requests, owned (and disposed) by the client; a <see cref="SocketsHttpHandler"/> that follows no redirects when null.</param>
    /// <param name="timeProvider">The clock of the token cache and rate limiter; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>A client whose <see cref="CreateApi{TApi}"/> interfaces share its token.</returns>
    /// <exception cref="ClarifyConfigurationException">A client option is out of range; the message lists every such option.</exception>
    public static ClarifyClient Create(
        ClarifyOptions options,
        ClarifyClientOptions? clientOptions = null,
        ILoggerFactory? loggerFactory = null,
        HttpMessageHandler? primaryHandler = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        (HttpClient httpClient, ClarifyTokenCache? tokenCache) = ClarifyHttpPipeline.CreateStandalone(options, loggerFactory, primaryHandler, timeProvider);
        try
        {
            return new ClarifyClient(httpClient, options, clientOptions, timeProvider)
            {
                _ownedHttpClient = httpClient,
                _ownedTokenCache = tokenCache,
            };
        }
        catch
        {
            // Invalid client options must not leave the token cache or the connection pool open.
            tokenCache?.Dispose();
            httpClient.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a user-declared Refit interface (paths relative to the api URL, e.g.
    /// <c>[Post("/rpc")]</c>) over this client's authenticated pipeline, sharing its token.
    /// </summary>
    /// <typeparam name="TApi">A Refit interface; Refit's source generator implements it in your project.</typeparam>
    /// <param name="jsonContext">A source-generated context for its types (trim- and AOT-safe); Refit's reflection-based serializer when null.</param>
    public TApi CreateApi<TApi>(JsonSerializerContext? jsonContext = null)
        where TApi : class =>
        _httpClient is null
            ? throw new InvalidOperationException("This ClarifyClient was created over an IClarifyRpcApi, so it has no HttpClient to share; create it with ClarifyClient.Create or over an authenticated HttpClient.")
            : ClarifyHttpPipeline.CreateApi<TApi>(_httpClient, jsonContext);

    /// <summary>Releases the rate limiter and, for a client made by <see cref="Create"/>, its pipeline.</summary>
    public void Dispose()
    {
        _caller.Dispose();
        _ownedTokenCache?.Dispose();
        _ownedHttpClient?.Dispose();
    }

    /// <summary>The rate limiter's counters for a method, for tests and diagnostics.</summary>
    internal RateLimiterStatistics? GetRateLimiterStatistics(string method) => _caller.GetRateLimiterStatistics(method);

    private static IClarifyRpcApi CreateApi(HttpClient httpClient, ClarifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        httpClient.BaseAddress ??= options.ApiUrl;
        return ClarifyRpcApi.Create(httpClient);
    }

    private Task<Selection<DataFrame>> DataFrameWindowAsync(ResourceQuery? query, DataQuery data, List<string>? include, CancellationToken cancellationToken)
    {
        var parameters = new DataFrameParams { Query = query ?? new(), Data = data, Include = include };
        return _caller.CallAsync(ClarifyRpcCalls.DataFrame, parameters, cancellationToken);
    }
}
