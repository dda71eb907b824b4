using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Tests.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Redis.Tests.Infrastructure;

/// <summary>
/// Instances of a fleet in a process of their own: this test assembly run again with
/// <c>dotnet exec</c>. It builds each instance's services (<see cref="Fleet.AddInstance"/>), connects
/// them to Redis, says <c>ready</c>, and makes each one's first call (no token yet) when the test says
/// <c>go</c>, so instances in many processes need a token at once.
/// </summary>
internal sealed class FleetProcess : IDisposable
{
    public const string Argument = "fleet-instance";

    // The instance's settings travel in its environment, the client secret too, not on a command line others can list.
    private const string ApiUrlVariable = "CLARIFY_FLEET_API_URL";
    private const string IntegrationVariable = "CLARIFY_FLEET_INTEGRATION";
    private const string ClientIdVariable = "CLARIFY_FLEET_CLIENT_ID";
    private const string ClientSecretVariable = "CLARIFY_FLEET_CLIENT_SECRET";
    private const string RedisVariable = "CLARIFY_FLEET_REDIS";
    private const string KeyPrefixVariable = "CLARIFY_FLEET_KEY_PREFIX";
    private const string InstancesVariable = "CLARIFY_FLEET_INSTANCES";
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(2);

    private readonly Process _process;

    private FleetProcess(Process process) => _process = process;

    /// <summary>Starts the process; it is ready for <see cref="Go"/> once <see cref="WaitUntilReadyAsync"/> returns.</summary>
    public static FleetProcess Start(ClarifyOptions options, string connectionString, string keyPrefix, int instances)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(FleetProcess).Assembly.Location);
        start.ArgumentList.Add(Argument);
        start.Environment[ApiUrlVariable] = options.ApiUrl.AbsoluteUri;
        start.Environment[IntegrationVariable] = options.IntegrationId;
        start.Environment[ClientIdVariable] = options.Credential.ClientId;
        start.Environment[ClientSecretVariable] = options.Credential.ClientSecret;
        start.Environment[RedisVariable] = connectionString;
        start.Environment[KeyPrefixVariable] = keyPrefix;
        start.Environment[InstancesVariable] = instances.ToString(CultureInfo.InvariantCulture);
        return new FleetProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName} exec {typeof(FleetProcess).Assembly.Location}"));
    }

    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        string? line = await _process.StandardOutput.ReadLineAsync(cancellationToken);
        if (line != "ready")
        {
            throw new InvalidOperationException($"the fleet process said '{line}' instead of 'ready': {await _process.StandardError.ReadToEndAsync(cancellationToken)}");
        }
    }

    public Task GoAsync() => _process.StandardInput.WriteLineAsync("go");

    /// <summary>Waits for the process to end; its exit code, what it said, and its log.</summary>
    public async Task<(int ExitCode, string Output, string Log)> WaitForExitAsync(CancellationToken cancellationToken)
    {
        Task<string> output = _process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> errors = _process.StandardError.ReadToEndAsync(cancellationToken);
        await _process.WaitForExitAsync(cancellationToken);
        return (_process.ExitCode, (await output).Trim(), (await errors).Trim());
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    /// <summary>The process's side: its instances, one first call each.</summary>
    public static async Task<int> RunInstanceAsync()
    {
        try
        {
            ClarifyOptions options = ClarifyOptions.Create(
                Required(ApiUrlVariable), Required(IntegrationVariable), null, Required(ClientIdVariable), Required(ClientSecretVariable));
            var logs = new CapturingLoggerFactory();
            var instances = new List<ServiceProvider>();
            var clients = new List<ClarifyClient>();
            for (int i = 0; i < int.Parse(Required(InstancesVariable), CultureInfo.InvariantCulture); i++)
            {
                var services = new ServiceCollection();
                services.AddSingleton<ILoggerFactory>(logs);
                string integration = Fleet.AddInstance(services, options, Required(RedisVariable), Required(KeyPrefixVariable), OperationTimeout, sharePace: false);
                ServiceProvider provider = services.BuildServiceProvider();
                instances.Add(provider);
                clients.Add(provider.GetRequiredService<ClarifyClient>());

                // Connected before 'go', as a running service is: many processes connecting and compiling at
                // once on a shared 2-core machine outlast any sensible timeout, which tests the machine, not the lock.
                await Fleet.ConnectAsync(provider, integration);
            }

            Console.WriteLine("ready");
            if (Console.ReadLine() != "go")
            {
                Console.Error.WriteLine("the test ended before it said 'go'");
                return 3;
            }

            await Task.WhenAll(clients.Select(client => Task.Run(() => client.SelectSignalsAsync())));
            Console.WriteLine("done");
            foreach (ServiceProvider provider in instances)
            {
                await provider.DisposeAsync();
            }

            // For a failing test's message: what the instance did with Redis.
            foreach (string line in logs.Lines.Where(line => line.Contains("Clarify.Typed.Redis", StringComparison.Ordinal)))
            {
                Console.Error.WriteLine(line);
            }

            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine(ex);
            return 1;
        }
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{variable} is not set: run this only through FleetProcess.Start");
}
