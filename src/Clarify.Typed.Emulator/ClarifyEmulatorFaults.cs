using System;

namespace Clarify.Typed.Emulator;

/// <summary>
/// Faults to inject into a running <see cref="ClarifyEmulator"/>, for testing how a client
/// copes with rate limits, server errors and expired tokens. Each fault applies to the next
/// <c>count</c> requests of its endpoint, then the endpoint behaves normally again.
/// </summary>
public sealed class ClarifyEmulatorFaults
{
    private readonly object _gate = new();
    private readonly Action _expireAllTokens;
    private InjectedFault? _token;
    private InjectedFault? _rpc;

    internal ClarifyEmulatorFaults(Action expireAllTokens) => _expireAllTokens = expireAllTokens;

    /// <summary>The next <paramref name="count"/> token requests get 429 Too Many Requests with <c>Retry-After</c>.</summary>
    public void RateLimitTokenEndpoint(TimeSpan retryAfter, int count = 1) => Set(ref _token, InjectedFault.RateLimited(retryAfter, count));

    /// <summary>The next <paramref name="count"/> token requests fail with <paramref name="statusCode"/> (default 500).</summary>
    public void FailTokenEndpoint(int statusCode = 500, int count = 1) => Set(ref _token, InjectedFault.Failed(statusCode, count));

    /// <summary>The next <paramref name="count"/> RPC requests get 429 Too Many Requests with <c>Retry-After</c>.</summary>
    public void RateLimitRpcEndpoint(TimeSpan retryAfter, int count = 1) => Set(ref _rpc, InjectedFault.RateLimited(retryAfter, count));

    /// <summary>The next <paramref name="count"/> RPC requests fail with <paramref name="statusCode"/> (default 500).</summary>
    public void FailRpcEndpoint(int statusCode = 500, int count = 1) => Set(ref _rpc, InjectedFault.Failed(statusCode, count));

    /// <summary>Every token issued so far stops working at once (RPC requests with it get 401).</summary>
    public void ExpireAllTokens() => _expireAllTokens();

    /// <summary>Removes every pending fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _token = null;
            _rpc = null;
        }
    }

    internal InjectedFault? TakeTokenFault() => Take(ref _token);

    internal InjectedFault? TakeRpcFault() => Take(ref _rpc);

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
