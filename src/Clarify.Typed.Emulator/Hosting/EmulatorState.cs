using System;
using Clarify.Typed.Emulator.Authentication;
using Clarify.Typed.Emulator.Rpc;
using Clarify.Typed.Emulator.Store;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Emulator.Hosting;

/// <summary>Everything the endpoints of one emulator share.</summary>
internal sealed class EmulatorState
{
    public EmulatorState(ClarifyEmulatorOptions options, ILogger logger)
    {
        Options = options;
        Logger = logger;
        Store = new EmulatorStore(options.TimeProvider);
        Tokens = new AccessTokens(options.TimeProvider, options.TokenLifetime);
        RateLimiter = new MethodRateLimiter(options.TimeProvider);
        Faults = new ClarifyEmulatorFaults(Tokens.ExpireAll);
    }

    public ClarifyEmulatorOptions Options { get; }

    public ILogger Logger { get; }

    public EmulatorStore Store { get; }

    public AccessTokens Tokens { get; }

    public MethodRateLimiter RateLimiter { get; }

    public ClarifyEmulatorFaults Faults { get; }

    public EmulatorCounters Counters { get; } = new();

    /// <summary>Cancelled when the emulator stops, so requests queued by a rate limit do not hold up shutdown.</summary>
    public System.Threading.CancellationToken Stopping { get; set; }

    /// <summary>The API root clients use, e.g. <c>http://127.0.0.1:5099/v1/</c>; set once the port is known.</summary>
    public Uri ApiUrl { get; set; } = null!;
}
