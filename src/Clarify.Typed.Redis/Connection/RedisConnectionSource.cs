using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clarify.Typed.Redis.Connection;

/// <summary>
/// Where one integration's Redis comes from: its own connection string, or the application's
/// <see cref="IConnectionMultiplexer"/> in the container. One per integration, so the shared token and
/// the shared pace use one connection.
/// </summary>
internal sealed class RedisConnectionSource
{
    private readonly ConfigurationOptions? _configuration;

    private RedisConnectionSource(ConfigurationOptions? configuration) => _configuration = configuration;

    public bool HasConnectionString => _configuration is not null;

    /// <summary>The application's multiplexer, if it registered one.</summary>
    public static RedisConnectionSource FromContainer() => new(null);

    /// <exception cref="ClarifyConfigurationException">The string is not a StackExchange.Redis configuration.</exception>
    public static RedisConnectionSource FromConnectionString(string connectionString, string caller)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            return new(ConfigurationOptions.Parse(connectionString));
        }
        catch (ArgumentException)
        {
            // Not the parser's message: it may quote a password.
            throw new ClarifyConfigurationException(
                $"the Redis connection string given to {caller} is not a StackExchange.Redis configuration: use host:port[,option=value...], e.g. 'redis.internal:6379,password=...'");
        }
    }

    /// <summary>True when both name the same Redis the same way.</summary>
    public bool SameAs(RedisConnectionSource other) =>
        (_configuration is null && other._configuration is null)
        || (_configuration is not null && other._configuration is not null && _configuration.ToString(includePassword: true) == other._configuration.ToString(includePassword: true));

    public RedisConnection Connect(IServiceProvider services, string integration)
    {
        ClarifyRedisOptions options = services.GetRequiredService<IOptionsMonitor<ClarifyRedisOptions>>().Get(integration).Validated();
        TimeProvider time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        ILogger logger = services.GetService<ILoggerFactory>()?.CreateLogger("Clarify.Typed.Redis") ?? NullLogger.Instance;
        if (_configuration is null)
        {
            IConnectionMultiplexer? application = services.GetService<IConnectionMultiplexer>();
            return new RedisConnection(application is null ? null : () => Task.FromResult(application), ownsMultiplexer: false, options, time, logger);
        }

        ConfigurationOptions configuration = _configuration.Clone();

        // A Redis outage must cost a call at most one short timeout, and must not stop the start.
        int timeout = (int)Math.Ceiling(options.OperationTimeout.TotalMilliseconds);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)Math.Ceiling(RedisConnection.ConnectTimeout(options).TotalMilliseconds);
        configuration.SyncTimeout = timeout;
        configuration.AsyncTimeout = timeout;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        return new RedisConnection(
            async () => await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false),
            ownsMultiplexer: true,
            options,
            time,
            logger);
    }
}
