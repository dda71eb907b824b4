using System;
using System.Collections.Generic;

namespace Clarify.Typed.Emulator;

/// <summary>
/// Faults to inject into a running <see cref="ClarifyEmulator"/>, for testing how a client
/// copes with rate limits, server errors and expired tokens. Each fault applies to the next
/// <c>count</c> requests of its endpoint, then the endpoint behaves normally again; an outage,
/// slow answers and rejected input keys last until they are ended or <see cref="Clear"/>ed.
/// </summary>
public sealed class ClarifyEmulatorFaults
{
    private readonly object _gate = new();
    private readonly Action _expireAllTokens;
    private InjectedFault? _token;
    private InjectedFault? _rpc;
    private int? _outageStatus;
    private TimeSpan _rpcDelay;
    private HashSet<string> _rejectedInputKeys = new(StringComparer.Ordinal);

    internal ClarifyEmulatorFaults(Action expireAllTokens) => _expireAllTokens = expireAllTokens;

    /// <summary>The next <paramref name="count"/> token requests get 429 Too Many Requests with <c>Retry-After</c>.</summary>
    public void RateLimitTokenEndpoint(TimeSpan retryAfter, int count = 1) => Set(ref _token, InjectedFault.RateLimited(retryAfter, count));

    /// <summary>The next <paramref name="count"/> token requests fail with <paramref name="statusCode"/> (default 500).</summary>
    public void FailTokenEndpoint(int statusCode = 500, int count = 1) => Set(ref _token, InjectedFault.Failed(statusCode, count));

    /// <summary>The next <paramref name="count"/> RPC requests get 429 Too Many Requests with <c>Retry-After</c>.</summary>
    public void RateLimitRpcEndpoint(TimeSpan retryAfter, int count = 1) => Set(ref _rpc, InjectedFault.RateLimited(retryAfter, count));

    /// <summary>The next <paramref name="count"/> RPC requests fail with <paramref name="statusCode"/> (default 500).</summary>
    public void FailRpcEndpoint(int statusCode = 500, int count = 1) => Set(ref _rpc, InjectedFault.Failed(statusCode, count));

    /// <summary>
    /// Starts an outage of the RPC endpoint: every request fails with <paramref name="statusCode"/>
    /// (default 503 Service Unavailable) until <see cref="EndOutage"/> or <see cref="Clear"/>.
    /// The token endpoint keeps working, as when Clarify's API is down behind a working gateway.
    /// </summary>
    public void StartOutage(int statusCode = 503)
    {
        InjectedFault.Failed(statusCode, 1);
        lock (_gate)
        {
            _outageStatus = statusCode;
        }
    }

    /// <summary>Ends the outage started by <see cref="StartOutage"/>.</summary>
    public void EndOutage()
    {
        lock (_gate)
        {
            _outageStatus = null;
        }
    }

    /// <summary>Every RPC request is answered <paramref name="delay"/> late (on the emulator's clock); <see cref="TimeSpan.Zero"/> ends it.</summary>
    public void SlowRpcAnswers(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        lock (_gate)
        {
            _rpcDelay = delay;
        }
    }

    /// <summary>
    /// <c>integration.insert</c> refuses any data frame with a series for <paramref name="inputKey"/>:
    /// JSON-RPC invalid params (-32602) with the problem under <c>data.series.{inputKey}</c>, as
    /// Clarify names a bad series. Nothing of that request is stored.
    /// </summary>
    public void RejectInputKey(string inputKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputKey);
        lock (_gate)
        {
            _rejectedInputKeys = new HashSet<string>(_rejectedInputKeys, StringComparer.Ordinal) { inputKey };
        }
    }

    /// <summary>Every token issued so far stops working at once (RPC requests with it get 401).</summary>
    public void ExpireAllTokens() => _expireAllTokens();

    /// <summary>Removes every pending fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _token = null;
            _rpc = null;
            _outageStatus = null;
            _rpcDelay = TimeSpan.Zero;
            _rejectedInputKeys = new HashSet<string>(StringComparer.Ordinal);
        }
    }

    internal InjectedFault? TakeTokenFault() => Take(ref _token);

    internal InjectedFault? TakeRpcFault()
    {
        lock (_gate)
        {
            if (_outageStatus is int status)
            {
                return new InjectedFault(status, null, 1);
            }
        }

        return Take(ref _rpc);
    }

    /// <summary>How late RPC answers are; zero unless <see cref="SlowRpcAnswers"/> is on.</summary>
    internal TimeSpan RpcDelay
    {
        get
        {
            lock (_gate)
            {
                return _rpcDelay;
            }
        }
    }

    /// <summary>The input keys inserts refuse (a snapshot: the set is replaced, never changed, when a key is added).</summary>
    internal IReadOnlySet<string> RejectedInputKeys
    {
        get
        {
            lock (_gate)
            {
                return _rejectedInputKeys;
            }
        }
    }

    private void Set(ref InjectedFault? slot, InjectedFault fault)
    {
        lock (_gate)
        {
            slot = fault;
        }
    }

    private InjectedFault? Take(ref InjectedFault? slot)
    {
        lock (_gate)
        {
            if (slot is null)
            {
                return null;
            }

            InjectedFault fault = slot;
            slot = fault.Remaining > 1 ? fault with { Remaining = fault.Remaining - 1 } : null;
            return fault;
        }
    }
}

/// <summary>One injected failure: an HTTP status, and for 429 the <c>Retry-After</c> delay.</summary>
internal sealed record InjectedFault(int StatusCode, TimeSpan? RetryAfter, int Remaining)
{
    public static InjectedFault RateLimited(TimeSpan retryAfter, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new InjectedFault(429, retryAfter, count);
    }

    public static InjectedFault Failed(int statusCode, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new InjectedFault(statusCode, null, count);
    }
}
