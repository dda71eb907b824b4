using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Clarify.Typed.Diagnostics;
using Refit;

namespace Clarify.Typed.Rpc;

/// <summary>
/// Makes one JSON-RPC call the way every method of <see cref="ClarifyClient"/> does: waits for
/// its turn under the method's rate limit, numbers the request, traces and measures it, and
/// unwraps the answer (<see cref="JsonRpcResponseReader"/>).
/// </summary>
internal sealed class RpcCaller : IDisposable
{
    private readonly ClarifyRateLimiter? _rateLimiter;
    private readonly ClarifyMetrics _metrics;
    private long _lastId;

    public RpcCaller(ClarifyClientOptions options, TimeProvider timeProvider, ClarifyMetrics metrics, ClarifyOptions integration, IClarifyRateLimiterFactory? rateLimiterFactory)
    {
        _metrics = metrics;
        if (options.EnableRateLimiting)
        {
            _rateLimiter = new ClarifyRateLimiter(
                options.RequestsPerSecond,
                timeProvider,
                rateLimiterFactory is null ? null : (method, period, local) => rateLimiterFactory.Create(integration, method, period, local));
        }
    }

    /// <summary>Calls <paramref name="method"/>; <paramref name="send"/> gets the request id to put in its envelope.</summary>
    public async Task<TResult> CallAsync<TResult>(
        string method,
        Func<long, CancellationToken, Task<IApiResponse<JsonRpcResponse<TResult>>>> send,
        CancellationToken cancellationToken)
        where TResult : class
    {
        if (_rateLimiter is not null)
        {
            long waitStarted = Stopwatch.GetTimestamp();
            await _rateLimiter.AcquireAsync(method, cancellationToken).ConfigureAwait(false);
            _metrics.RateLimiterWaited(method, Stopwatch.GetElapsedTime(waitStarted));
        }

        using Activity? activity = ClarifyTelemetry.ActivitySource.StartActivity(method, ActivityKind.Client);
        activity?.SetTag("rpc.system", "jsonrpc");
        activity?.SetTag("rpc.method", method);
        long started = Stopwatch.GetTimestamp();
        string outcome = "error";
        try
        {
            long id = Interlocked.Increment(ref _lastId);
            using IApiResponse<JsonRpcResponse<TResult>> response = await send(id, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            TResult result = JsonRpcResponseReader.Unwrap(method, id, response);
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
            _metrics.RpcCompleted(method, outcome, Stopwatch.GetElapsedTime(started));
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
