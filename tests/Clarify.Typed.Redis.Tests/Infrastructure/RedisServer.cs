using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Garnet;
using StackExchange.Redis;

namespace Clarify.Typed.Redis.Tests.Infrastructure;

/// <summary>
/// The Redis the tests share: Microsoft Garnet embedded in this process on a free loopback port, or,
/// when the environment variable <c>CLARIFY_TEST_REDIS</c> holds a connection string (CI sets one for
/// Debian's redis-server), that server. Tests keep apart by key prefix.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public const string Variable = "CLARIFY_TEST_REDIS";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private GarnetServer? _garnet;
    private int _port;

    /// <summary>Where the tests' instances connect.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Whether this is the embedded Garnet (which tests can stop and start again).</summary>
    public bool IsEmbedded => _garnet is not null || _port != 0;

    /// <summary>A connection for the tests themselves: to read raw values, plant entries, pause the server.</summary>
    public IConnectionMultiplexer Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string? external = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(external))
        {
            _port = FreePort();
            StartGarnet();
            ConnectionString = $"127.0.0.1:{_port}";
        }
        else
        {
            ConnectionString = external;
        }

        ConfigurationOptions admin = ConfigurationOptions.Parse(ConnectionString);
        admin.AllowAdmin = true;
        admin.AbortOnConnectFail = false;
        admin.ReconnectRetryPolicy = new LinearRetry(200);
        Admin = await ConnectionMultiplexer.ConnectAsync(admin);
    }

    public async Task DisposeAsync()
    {
        await Admin.DisposeAsync();
        _garnet?.Dispose();
    }

    /// <summary>
    /// Makes Redis unavailable for the length of <paramref name="outage"/> while <paramref name="during"/>
    /// runs, then brings it back: the embedded Garnet is stopped and started again (empty); an external
    /// server pauses every client (<c>CLIENT PAUSE</c>), so commands time out as when it is down.
    /// </summary>
    public async Task InterruptAsync(Func<Task> during)
    {
        await _gate.WaitAsync();
        try
        {
            if (IsEmbedded)
            {
                _garnet!.Dispose();
                _garnet = null;
                await during();
                StartGarnet();
            }
            else
            {
                await Admin.GetServer(Admin.GetEndPoints()[0]).ExecuteAsync("CLIENT", "PAUSE", "3000", "ALL");
                await during();
                await Admin.GetServer(Admin.GetEndPoints()[0]).ExecuteAsync("CLIENT", "UNPAUSE");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void StartGarnet()
    {
        // Lua for the lock release and the pace script, run as transactions: without
        // --lua-transaction-mode Garnet runs scripts without isolation, two instances can reserve
        // the same pace turn, and the fleet inserts faster than the shared pace (Redis always runs a
        // script atomically). Memory only, small, quiet.
        _garnet = new GarnetServer(["--bind", "127.0.0.1", "--port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "--lua-transaction-mode", "--memory", "64m", "--index", "1m", "--logger-level", "Error"]);
        _garnet.Start();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}
