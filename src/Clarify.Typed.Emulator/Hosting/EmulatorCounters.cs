using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Clarify.Typed.Emulator.Hosting;

/// <summary>What the emulator has received, for tests that assert a client's behaviour by counts.</summary>
internal sealed class EmulatorCounters
{
    private readonly ConcurrentDictionary<string, int> _byMethod = new();
    private int _tokenRequests;
    private int _issuedTokens;
    private int _rpcRequests;
    private int _delayed;
    private int _queued;

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public int IssuedTokens => Volatile.Read(ref _issuedTokens);

    public int RpcRequests => Volatile.Read(ref _rpcRequests);

    public int Delayed => Volatile.Read(ref _delayed);

    public int Queued => Volatile.Read(ref _queued);

    public IReadOnlyDictionary<string, int> ByMethod => _byMethod.ToDictionary(p => p.Key, p => p.Value);

    public int ForMethod(string method) => _byMethod.GetValueOrDefault(method);

    public void TokenRequest() => Interlocked.Increment(ref _tokenRequests);

    public void TokenIssued() => Interlocked.Increment(ref _issuedTokens);

    public void RpcRequest() => Interlocked.Increment(ref _rpcRequests);

    public void Method(string method) => _byMethod.AddOrUpdate(method, 1, static (_, n) => n + 1);

    public void EnterQueue()
    {
        Interlocked.Increment(ref _delayed);
        Interlocked.Increment(ref _queued);
    }

    public void LeaveQueue() => Interlocked.Decrement(ref _queued);
}
