using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Clarify.Typed.Benchmarks.Loopback;

/// <summary>
/// Where the benchmarks find <see cref="LoopbackEndpoints"/>. The BenchmarkDotNet host starts
/// them in a child process of its own and passes their URL to every benchmark process in
/// <see cref="UrlVariable"/>, so MemoryDiagnoser (which counts every thread of the benchmark
/// process) sees only the client's allocations. Without the variable (a benchmark process
/// started some other way) they run inside the benchmark process and their allocations count too.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    public const string UrlVariable = "CLARIFY_BENCH_LOOPBACK_API_URL";

    public const string ServeCommand = "serve-loopback";

    private readonly Process? _process;
    private readonly WebApplication? _app;

    private LoopbackServer(Uri apiUrl, Process? process, WebApplication? app)
    {
        ApiUrl = apiUrl;
        _process = process;
        _app = app;
    }

    /// <summary>The Clarify API URL of the endpoints, ending in <c>/v1/</c>.</summary>
    public Uri ApiUrl { get; }

    /// <summary>The shared server when the host started one, else a server inside this process.</summary>
    public static async Task<LoopbackServer> AcquireAsync()
    {
        string? shared = Environment.GetEnvironmentVariable(UrlVariable);
        if (!string.IsNullOrEmpty(shared))
        {
            return new LoopbackServer(new Uri(shared), null, null);
        }

        WebApplication app = LoopbackEndpoints.Build();
        await app.StartAsync().ConfigureAwait(false);
        return new LoopbackServer(ApiUrlOf(app), null, app);
    }

    /// <summary>Starts the endpoints in a child process (this program with <see cref="ServeCommand"/>).</summary>
    public static LoopbackServer StartChildProcess()
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark host cannot find its own executable.");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(typeof(LoopbackServer).Assembly.Location);
        }

        start.ArgumentList.Add(ServeCommand);
        Process process = Process.Start(start) ?? throw new InvalidOperationException("The loopback server process did not start.");
        string? line = process.StandardOutput.ReadLine();
        if (line is null || !Uri.TryCreate(line, UriKind.Absolute, out Uri? apiUrl))
        {
            process.Kill();
            throw new InvalidOperationException($"The loopback server process did not print its URL (it printed '{line}').");
        }

        return new LoopbackServer(apiUrl, process, null);
    }

    /// <summary>The child process: serves until its parent closes standard input.</summary>
    public static async Task ServeUntilParentExitsAsync()
    {
        WebApplication app = LoopbackEndpoints.Build();
        await app.StartAsync().ConfigureAwait(false);
        Console.Out.WriteLine(ApiUrlOf(app));
        Console.Out.Flush();
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        await app.StopAsync().ConfigureAwait(false);
    }

    /// <summary>One of the endpoints' counters: <c>token-requests</c>, <c>rpc-requests</c> or <c>rpc-bytes</c>.</summary>
    public long ReadCounter(string name)
    {
        using var stats = new HttpClient();
        string text = stats.GetStringAsync(new Uri(ApiUrl, "/stats/" + name)).GetAwaiter().GetResult();
        return long.Parse(text, CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        if (_process is not null)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill();
            }

            _process.Dispose();
        }
    }

    private static Uri ApiUrlOf(WebApplication app)
    {
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new Uri(new Uri(address), LoopbackEndpoints.ApiPath);
    }
}
