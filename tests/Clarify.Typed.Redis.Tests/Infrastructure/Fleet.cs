using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Rpc;
using Clarify.Typed.Tests.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Redis.Tests.Infrastructure;

/// <summary>
/// Instances of one service, each its own service provider (as separate processes would be), sharing
/// the emulator's integration through one Redis under a key prefix of their own.
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    private readonly List<ServiceProvider> _instances = [];

    public Fleet(RedisServer redis, ClarifyEmulator emulator, bool sharePace = false, TimeSpan? operationTimeout = null)
    {
        Redis = redis;
        Emulator = emulator;
        SharePace = sharePace;
        OperationTimeout = operationTimeout ?? TimeSpan.FromSeconds(2);
        KeyPrefix = $"test-{Guid.NewGuid():N}:";
    }

    public RedisServer Redis { get; }

    public ClarifyEmulator Emulator { get; }

    public bool SharePace { get; }

    /// <summary>Generous by default: these tests are about sharing; the fault tests set it short.</summary>
    public TimeSpan OperationTimeout { get; }

    public string KeyPrefix { get; }

    /// <summary>Every log line of every instance, to search for secrets.</summary>
    public CapturingLoggerFactory Logs { get; } = new();

    public IReadOnlyList<ServiceProvider> Instances => _instances;

    /// <summary>Starts <paramref name="count"/> more instances; nothing is fetched or connected until they are used.</summary>
    public IReadOnlyList<ClarifyClient> Start(int count, ClarifyOptions? options = null) =>
        Enumerable.Range(0, count).Select(_ => StartOne(options ?? Emulator.Options).GetRequiredService<ClarifyClient>()).ToList();

    public ServiceProvider StartOne(ClarifyOptions options)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(Logs);
        services.AddLogging();
        var clarify = services.AddClarify(options).UseDistributedTokenCache(Redis.ConnectionString, Configure);
        if (SharePace)
        {
            clarify.UseSharedPace(Redis.ConnectionString, Configure);
        }
        else
        {
            services.Configure<ClarifyClientOptions>(o => o.EnableRateLimiting = false);
        }

        ServiceProvider provider = services.BuildServiceProvider();
        lock (_instances)
        {
            _instances.Add(provider);
        }

        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ServiceProvider instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }

    private void Configure(ClarifyRedisOptions options)
    {
        options.KeyPrefix = KeyPrefix;
        options.OperationTimeout = OperationTimeout;
    }
}
