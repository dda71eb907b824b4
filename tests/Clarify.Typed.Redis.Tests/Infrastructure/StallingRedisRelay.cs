using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Clarify.Typed.Redis.Tests.Infrastructure;

/// <summary>
/// A TCP relay between instances and the tests' Redis that a test can stall: while stalled it keeps
/// every connection open and accepts new ones, but forwards nothing, so Redis looks slow (connected,
/// never answering) as an overloaded server or a congested network does. Works the same in front of
/// the embedded Garnet and an external redis-server.
/// </summary>
internal sealed class StallingRedisRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly EndPoint _redis;
    private readonly ConfigurationOptions _configuration;
    private readonly Task _accepting;
    private TaskCompletionSource _flowing = NewFlowing(open: true);

    public StallingRedisRelay(string redisConnectionString)
    {
        _configuration = ConfigurationOptions.Parse(redisConnectionString);
        _redis = _configuration.EndPoints[0];
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The tests' Redis connection string with the relay as its endpoint.</summary>
    public string ConnectionString
    {
        get
        {
            ConfigurationOptions relayed = _configuration.Clone();
            relayed.EndPoints.Clear();
            relayed.EndPoints.Add(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
            return relayed.ToString(includePassword: true);
        }
    }

    public bool IsStalled => !Volatile.Read(ref _flowing).Task.IsCompleted;

    /// <summary>From now on nothing passes in either direction until <see cref="Resume"/>.</summary>
    public void Stall() => Volatile.Write(ref _flowing, NewFlowing(open: false));

    /// <summary>Lets everything held pass, in order, and whatever follows.</summary>
    public void Resume() => Volatile.Read(ref _flowing).TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Resume();
        lock (_connections)
        {
            foreach (TcpClient connection in _connections)
            {
                connection.Dispose();
            }
        }

        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped while accepting.
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource NewFlowing(bool open)
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            flowing.SetResult();
        }

        return flowing;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient();
        lock (_connections)
        {
            _connections.Add(client);
            _connections.Add(server);
        }

        try
        {
            await (_redis switch
            {
                DnsEndPoint dns => server.ConnectAsync(dns.Host, dns.Port, _stop.Token),
                IPEndPoint ip => server.ConnectAsync(ip, _stop.Token),
                _ => throw new NotSupportedException($"The relay cannot connect to a Redis endpoint like {_redis}"),
            });
            await Task.WhenAny(PumpAsync(client.GetStream(), server.GetStream()), PumpAsync(server.GetStream(), client.GetStream()));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or System.IO.IOException)
        {
            // One side closed, or the relay stopped: close the other side too.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            await Volatile.Read(ref _flowing).Task.WaitAsync(_stop.Token);
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }
}
