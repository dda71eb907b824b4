using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.Models;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Ingestion;

/// <summary>
/// Sends one read of pending points until every point is either acknowledged by Clarify or
/// dead-lettered: transient failures are retried with back-off (or after the server's
/// <c>Retry-After</c>, capped at the longest back-off) for as long as it takes,
/// authentication failures pause at the longest back-off, and content refusals are narrowed
/// down to the input keys Clarify names (or, when it names none, found by halving the keys) and
/// only those points are set aside.
/// </summary>
internal sealed class BatchSender
{
    private const string SeriesPath = "data.series.";

    private readonly Func<DataFrame, CancellationToken, Task> _insert;
    private readonly IClarifyWriterStore _store;
    private readonly TokenBackoff _backoff;
    private readonly TimeSpan _maxDelay;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<ClarifyWriterStatus, ClarifyException?> _setStatus;
    private readonly Action<ClarifyDeadLetter> _deadLettered;
    private readonly WriterMetrics _metrics;

    public BatchSender(
        Func<DataFrame, CancellationToken, Task> insert,
        IClarifyWriterStore store,
        ClarifyWriterOptions options,
        TimeProvider time,
        ILogger logger,
        Action<ClarifyWriterStatus, ClarifyException?> setStatus,
        Action<ClarifyDeadLetter> deadLettered,
        WriterMetrics metrics)
    {
        _insert = insert;
        _store = store;
        _backoff = new TokenBackoff(options.RetryInitialDelay, options.RetryMaxDelay, options.RetryJitter ? null : new NoJitter());
        _maxDelay = options.RetryMaxDelay;
        _time = time;
        _logger = logger;
        _setStatus = setStatus;
        _deadLettered = deadLettered;
        _metrics = metrics;
    }

    private enum Fault
    {
        Transient,
        Authentication,
        Content,
    }

    /// <summary>Returns the number of points Clarify acknowledged; the rest were dead-lettered.</summary>
    public async Task<int> SendAsync(IReadOnlyList<WritePoint> points, CancellationToken cancellationToken)
    {
        DataFrame frame = FrameMerger.Merge(points);
        while (true)
        {
            ClarifyException failure;
            try
            {
                await _insert(frame, cancellationToken).ConfigureAwait(false);
                if (_backoff.Failures > 0)
                {
                    WriterLog.Recovered(_logger, _backoff.Failures);
                    _backoff.Reset();
                }

                _setStatus(ClarifyWriterStatus.Sending, null);
                return points.Count;
            }
            catch (ClarifyException e)
            {
                failure = e;
            }

            switch (Classify(failure))
            {
                case Fault.Content:
                    return await IsolateAsync(points, failure, cancellationToken).ConfigureAwait(false);
                case Fault.Authentication:
                    _setStatus(ClarifyWriterStatus.AuthenticationFailed, failure);
                    _metrics.Retried("authentication");
                    WriterLog.AuthenticationFailed(_logger, _maxDelay, _store.PendingPoints, failure.Message);
                    await Task.Delay(_maxDelay, _time, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    _setStatus(ClarifyWriterStatus.Retrying, failure);
                    TimeSpan delay = _backoff.Next((failure as ClarifyHttpException)?.RetryAfter);
                    _metrics.Retried("transient");
                    WriterLog.Retrying(_logger, points.Count, failure.Message, _backoff.Failures, delay);
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private static Fault Classify(ClarifyException failure) => failure switch
    {
        ClarifyAuthenticationException => Fault.Authentication,
        ClarifyHttpException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } => Fault.Authentication,
        ClarifyHttpException { StatusCode: HttpStatusCode.RequestEntityTooLarge } => Fault.Content,
        ClarifyRequestTooLargeException => Fault.Content,
        ClarifyDataFrameException => Fault.Content,
        ClarifyRpcException { Code: ClarifyRpcErrorCode.Forbidden or ClarifyRpcErrorCode.MethodNotFound } => Fault.Authentication,
        ClarifyRpcException
        {
            Code: ClarifyRpcErrorCode.InvalidParams or ClarifyRpcErrorCode.InvalidRequest or ClarifyRpcErrorCode.ParseError
                or ClarifyRpcErrorCode.FoundInvalidResource or ClarifyRpcErrorCode.ProducedInvalidResource or ClarifyRpcErrorCode.PartialFailure,
        } => Fault.Content,

        // Network, timeouts, 429, 5xx, a garbled answer, TryAgain and internal errors: the same request may well succeed later.
        _ => Fault.Transient,
    };

    /// <summary>The input keys of <paramref name="keys"/> that the refusal names, by parameter path or invalid resource.</summary>
    private static HashSet<string> NamedKeys(ClarifyException failure, IReadOnlyCollection<string> keys)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        if (failure is not ClarifyRpcException rpc)
        {
            return named;
        }

        foreach (string key in keys)
        {
            string path = SeriesPath + key;
            bool byParam = rpc.Params.Keys.Any(p => p == path || p.StartsWith(path + ".", StringComparison.Ordinal));
            bool byResource = rpc.InvalidResources.Any(r => r.Id == key);
            if (byParam || byResource)
            {
                named.Add(key);
            }
        }

        return named;
    }

    private async Task<int> IsolateAsync(IReadOnlyList<WritePoint> points, ClarifyException failure, CancellationToken cancellationToken)
    {
        string[] keys = points.Select(p => p.InputKey).Distinct(StringComparer.Ordinal).ToArray();
        HashSet<string> named = NamedKeys(failure, keys);
        if (keys.Length == 1 || named.Count == keys.Length)
        {
            await DeadLetterAsync(points, failure, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        if (named.Count > 0)
        {
            await DeadLetterAsync(points.Where(p => named.Contains(p.InputKey)).ToArray(), failure, cancellationToken).ConfigureAwait(false);
            return await SendAsync(points.Where(p => !named.Contains(p.InputKey)).ToArray(), cancellationToken).ConfigureAwait(false);
        }

        // Clarify did not say which series it refused: halve the keys until the refused ones are alone.
        var firstHalf = new HashSet<string>(keys.Take(keys.Length / 2), StringComparer.Ordinal);
        int sent = await SendAsync(points.Where(p => firstHalf.Contains(p.InputKey)).ToArray(), cancellationToken).ConfigureAwait(false);
        return sent + await SendAsync(points.Where(p => !firstHalf.Contains(p.InputKey)).ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private async Task DeadLetterAsync(IReadOnlyList<WritePoint> points, ClarifyException failure, CancellationToken cancellationToken)
    {
        var deadLetter = new ClarifyDeadLetter(points, failure, _time.GetUtcNow());
        await _store.DeadLetterAsync(deadLetter, cancellationToken).ConfigureAwait(false);
        _metrics.DeadLettered(points.Count);
        WriterLog.DeadLettered(_logger, points.Count, string.Join(", ", points.Select(p => p.InputKey).Distinct(StringComparer.Ordinal)), failure.Message);
        _deadLettered(deadLetter);
    }

    /// <summary>Makes <see cref="TokenBackoff"/> wait its full capped delay, for <see cref="ClarifyWriterOptions.RetryJitter"/> off.</summary>
    private sealed class NoJitter : Random
    {
        public override double NextDouble() => 1.0;
    }
}
