using System;
using Clarify.Typed;
using Clarify.Typed.Authentication;
using Clarify.Typed.DependencyInjection;
using Clarify.Typed.Redis;
using Clarify.Typed.Redis.Connection;
using Clarify.Typed.Redis.Pacing;
using Clarify.Typed.Redis.Tokens;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Shares an integration's access token and its pace of calls between every instance of a service,
/// through Redis. See docs/scale-out.md.
/// </summary>
public static class ClarifyRedisBuilderExtensions
{
    /// <summary>
    /// Shares the integration's access token through the <see cref="IDistributedCache"/> the
    /// application registered (for instance with <c>AddStackExchangeRedisCache</c>), sealed with
    /// AES-GCM under a key derived from the client secret. With an <c>IConnectionMultiplexer</c> in the
    /// container too, one instance of the fleet fetches a missing token while the others wait for it;
    /// without one, each instance that finds no token fetches its own and shares it.
    /// </summary>
    /// <param name="builder">The integration, from <c>AddClarify</c>.</param>
    /// <param name="configure">Key prefix, timeouts and lock times (options named after the integration).</param>
    /// <returns>The builder.</returns>
    public static IClarifyBuilder UseDistributedTokenCache(this IClarifyBuilder builder, Action<ClarifyRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddConnection(builder, RedisConnectionSource.FromContainer(), configure);
        builder.Services.AddKeyedSingleton<IClarifyTokenStore>(builder.Name, static (sp, key) =>
        {
            string integration = (string)key!;
            IDistributedCache cache = sp.GetService<IDistributedCache>() ?? throw new ClarifyConfigurationException(
                $"UseDistributedTokenCache() for the Clarify integration '{integration}' found no IDistributedCache: register one (e.g. services.AddStackExchangeRedisCache(...)) or pass a Redis connection string to UseDistributedTokenCache");
            return CreateStore(sp, integration, cache);
        });
        return builder;
    }

    /// <summary>
    /// Shares the integration's access token through Redis at <paramref name="redisConnectionString"/>
    /// (a StackExchange.Redis configuration such as <c>redis.internal:6379,password=...</c>), sealed with
    /// AES-GCM under a key derived from the client secret; one instance of the fleet fetches a missing
    /// token while the others wait for it. The connection does not stop the host from starting, and
    /// every Redis operation gives up after <see cref="ClarifyRedisOptions.OperationTimeout"/>.
    /// </summary>
    /// <param name="builder">The integration, from <c>AddClarify</c>.</param>
    /// <param name="redisConnectionString">Where Redis is; its password never reaches a log line or a message.</param>
    /// <param name="configure">Key prefix, timeouts and lock times (options named after the integration).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ClarifyConfigurationException">The connection string cannot be parsed.</exception>
    public static IClarifyBuilder UseDistributedTokenCache(this IClarifyBuilder builder, string redisConnectionString, Action<ClarifyRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddConnection(builder, RedisConnectionSource.FromConnectionString(redisConnectionString, nameof(UseDistributedTokenCache)), configure);
        builder.Services.AddKeyedSingleton(builder.Name, static (sp, key) =>
        {
            RedisConnection connection = sp.GetRequiredKeyedService<RedisConnection>(key);
            return new RedisCache(new RedisCacheOptions { ConnectionMultiplexerFactory = connection.GetMultiplexerAsync });
        });
        builder.Services.AddKeyedSingleton<IClarifyTokenStore>(builder.Name, static (sp, key) =>
            CreateStore(sp, (string)key!, sp.GetRequiredKeyedService<RedisCache>(key)));
        return builder;
    }

    /// <summary>
    /// Paces the integration's calls (<see cref="ClarifyClientOptions.RequestsPerSecond"/>, one insert a
    /// second by default, the writer's inserts included) for all instances together, through the
    /// <c>IConnectionMultiplexer</c> the application registered. While Redis is down each instance
    /// paces alone, as without this package.
    /// </summary>
    /// <param name="builder">The integration, from <c>AddClarify</c>.</param>
    /// <param name="configure">Key prefix and timeouts (options named after the integration).</param>
    /// <returns>The builder.</returns>
    public static IClarifyBuilder UseSharedPace(this IClarifyBuilder builder, Action<ClarifyRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddConnection(builder, RedisConnectionSource.FromContainer(), configure);
        AddPace(builder);
        return builder;
    }

    /// <summary>
    /// Paces the integration's calls (<see cref="ClarifyClientOptions.RequestsPerSecond"/>, one insert a
    /// second by default, the writer's inserts included) for all instances together, through Redis at
    /// <paramref name="redisConnectionString"/>. While Redis is down each instance paces alone.
    /// </summary>
    /// <param name="builder">The integration, from <c>AddClarify</c>.</param>
    /// <param name="redisConnectionString">Where Redis is (the same as for <c>UseDistributedTokenCache</c>, if both are used).</param>
    /// <param name="configure">Key prefix and timeouts (options named after the integration).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ClarifyConfigurationException">The connection string cannot be parsed.</exception>
    public static IClarifyBuilder UseSharedPace(this IClarifyBuilder builder, string redisConnectionString, Action<ClarifyRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddConnection(builder, RedisConnectionSource.FromConnectionString(redisConnectionString, nameof(UseSharedPace)), configure);
        AddPace(builder);
        return builder;
    }

    private static void AddPace(IClarifyBuilder builder) =>
        builder.Services.AddKeyedSingleton<IClarifyRateLimiterFactory>(builder.Name, static (sp, key) =>
        {
            RedisConnection connection = sp.GetRequiredKeyedService<RedisConnection>(key);
            if (!connection.HasRedis)
            {
                throw new ClarifyConfigurationException(
                    $"UseSharedPace() for the Clarify integration '{key}' found no IConnectionMultiplexer: register one (services.AddSingleton<IConnectionMultiplexer>(...)) or pass a Redis connection string to UseSharedPace");
            }

            return new SharedPaceFactory(connection);
        });

    /// <summary>One Redis connection per integration, shared by its token store and its pace.</summary>
    private static void AddConnection(IClarifyBuilder builder, RedisConnectionSource source, Action<ClarifyRedisOptions>? configure)
    {
        if (configure is not null)
        {
            builder.Services.AddOptions<ClarifyRedisOptions>(builder.Name).Configure(configure);
        }

        foreach (ServiceDescriptor descriptor in builder.Services)
        {
            if (descriptor.ServiceType == typeof(RedisConnectionSource) && Equals(descriptor.ServiceKey, builder.Name))
            {
                var known = (RedisConnectionSource)descriptor.KeyedImplementationInstance!;
                if (!known.SameAs(source))
                {
                    throw new ArgumentException(
                        $"The Clarify integration '{builder.Name}' already shares through another Redis: give UseDistributedTokenCache and UseSharedPace the same connection string, or neither.");
                }

                return;
            }
        }

        builder.Services.AddKeyedSingleton(builder.Name, source);
        builder.Services.AddKeyedSingleton(builder.Name, static (sp, key) =>
            sp.GetRequiredKeyedService<RedisConnectionSource>(key).Connect(sp, (string)key!));
    }

    private static DistributedTokenStore CreateStore(IServiceProvider services, string integration, IDistributedCache cache) =>
        new(
            cache,
            services.GetRequiredKeyedService<RedisConnection>(integration),
            services.GetService<ILoggerFactory>()?.CreateLogger("Clarify.Typed.Redis") ?? NullLogger.Instance);
}
