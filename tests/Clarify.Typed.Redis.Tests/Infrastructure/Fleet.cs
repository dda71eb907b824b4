using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Redis.Connection;
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
    /// <summary>The name <c>AddClarify(options)</c> registers the default integration under, as <c>Options.DefaultName</c>.</summary>
    private const string DefaultIntegration = "";

    private readonly List<ServiceProvider> _instances = [];

    /// <param name="redis">The tests' Redis.</param>
    /// <param name="emulator">The integration the instances share.</param>
    /// <param name="sharePace">Whether the instances pace through Redis too; without it they do not pace at all.</param>
    /// <param name="operationTimeout">How long one Redis operation may take.</param>
    /// <param name="connectionString">Where the instances reach Redis, when not directly (through a relay).</param>
    public Fleet(RedisServer redis, ClarifyEmulator emulator, bool sharePace = false, TimeSpan? operationTimeout = null, string? connectionString = null)
    {
        Emulator = emulator;
        SharePace = sharePace;
        OperationTimeout = operationTimeout ?? TimeSpan.FromSeconds(2);
        ConnectionString = connectionString ?? redis.ConnectionString;
        KeyPrefix = $"test-{Guid.NewGuid():N}:";
    }

    public string ConnectionString { get; }

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

    /// <summary>
    /// Starts one more instance and waits until it is connected to Redis, as a running service is: on a
    /// loaded machine a cold connection's first commands can outlast a short timeout, which is an outage
    /// to the instance, and not what a test about sharing asks.
    /// </summary>
    public async Task<ClarifyClient> StartConnectedAsync()
    {
        ServiceProvider provider = StartOne(Emulator.Options);
        await ConnectAsync(provider);
        return provider.GetRequiredService<ClarifyClient>();
    }

    /// <summary>Waits until the integration <paramref name="integration"/> (the default one unless named) of <paramref name="instance"/> has connected to Redis.</summary>
    public static Task ConnectAsync(IServiceProvider instance, string integration = DefaultIntegration) =>
        instance.GetRequiredKeyedService<RedisConnection>(integration).GetMultiplexerAsync();

    public ServiceProvider StartOne(ClarifyOptions options)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(Logs);
        AddInstance(services, options, ConnectionString, KeyPrefix, OperationTimeout, SharePace);
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

    /// <summary>One instance's services, the same in this process and in a <see cref="FleetProcess"/>; returns the integration's name.</summary>
    public static string AddInstance(IServiceCollection services, ClarifyOptions options, string connectionString, string keyPrefix, TimeSpan operationTimeout, bool sharePace)
    {
        void Configure(ClarifyRedisOptions redis)
        {
            redis.KeyPrefix = keyPrefix;
            redis.OperationTimeout = operationTimeout;
        }

        services.AddLogging();
        var clarify = services.AddClarify(options).UseDistributedTokenCache(connectionString, Configure);
        if (sharePace)
        {
            clarify.UseSharedPace(connectionString, Configure);
        }
        else
        {
            services.Configure<ClarifyClientOptions>(o => o.EnableRateLimiting = false);
        }

        return clarify.Name;
    }
}
