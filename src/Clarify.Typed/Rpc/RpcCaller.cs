using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Clarify.Typed.Diagnostics;

namespace Clarify.Typed.Rpc;

/// <summary>
/// Makes one JSON-RPC call the way every method of <see cref="ClarifyClient"/> does: waits for
/// its turn under the method's rate limit, numbers the request, traces and measures it, sends it
/// through Refit and unwraps the answer (<see cref="JsonRpcResponseReader"/>).
/// </summary>
internal sealed class RpcCaller : IDisposable
{
    private readonly IClarifyRpcApi _api;
    private readonly ClarifyRateLimiter? _rateLimiter;
    private readonly ClarifyMetrics _metrics;
    private long _lastId;

    public RpcCaller(IClarifyRpcApi api, ClarifyClientOptions options, TimeProvider timeProvider, ClarifyMetrics metrics, ClarifyOptions integration, IClarifyRateLimiterFactory? rateLimiterFactory)
    {
        _api = api;
        _metrics = metrics;
        if (options.EnableRateLimiting)
        {
            _rateLimiter = new ClarifyRateLimiter(
                options.RequestsPerSecond,
                timeProvider,
                rateLimiterFactory is null ? null : (method, period, local) => rateLimiterFactory.Create(integration, method, period, local));
        }
    }

    /// <summary>Calls <paramref name="method"/> with <paramref name="parameters"/>.</summary>
    public async Task<TResult> CallAsync<TParams, TResult>(RpcMethod<TParams, TResult> method, TParams parameters, CancellationToken cancellationToken)
        where TResult : class
    {
        // Methods without a rate never wait: no histogram entry of 0 for them.
        if (_rateLimiter is not null && _rateLimiter.Paces(method.Name))
        {
            long waitStarted = Stopwatch.GetTimestamp();
            await _rateLimiter.AcquireAsync(method.Name, cancellationToken).ConfigureAwait(false);
            _metrics.RateLimiterWaited(method.Name, waitStarted);
        }

        // Null, and no tag set, unless someone listens to the source.
        using Activity? activity = ClarifyTelemetry.ActivitySource.StartActivity(method.Name, ActivityKind.Client);
        activity?.SetTag("rpc.system", "jsonrpc");
        activity?.SetTag("rpc.method", method.Name);
        long started = _metrics.RpcStarting();
        string outcome = "error";
        try
        {
            long id = Interlocked.Increment(ref _lastId);
            using HttpContent body = method.CreateBody(id, parameters);
            HttpResponseMessage response;
            try
            {
                response = await method.Send(_api, body, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                cancellationToken.ThrowIfCancellationRequested();
                JsonRpcResponseReader.ThrowNotReceived(method.Name, exception);
                throw;
            }

            using HttpResponseMessage received = response;
            cancellationToken.ThrowIfCancellationRequested();
            TResult result = await JsonRpcResponseReader.ReadAsync(method.Name, id, response, method.ReadResult, cancellationToken).ConfigureAwait(false);
            outcome = "success";
            return result;
        }
        catch (Exception exception)
        {
            outcome = Outcome(exception);
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
            throw;
        }
        finally
        {
            activity?.SetTag("outcome", outcome);
            _metrics.RpcCompleted(method.Name, outcome, started);
        }
    }

    /// <summary>The rate limiter's counters for a method, for tests and diagnostics.</summary>
    public RateLimiterStatistics? GetRateLimiterStatistics(string method) => _rateLimiter?.GetStatistics(method);

    public void Dispose() => _rateLimiter?.Dispose();

    private static string Outcome(Exception exception) => exception switch
    {
        ClarifyRpcException => "rpc_error",
        ClarifyHttpException => "http_error",
        ClarifyProtocolException => "protocol_error",
        ClarifyAuthenticationException => "authentication_error",
        OperationCanceledException => "cancelled",
        _ => "error",
    };
}
