using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Clarify.Typed.Benchmarks.Loopback;

namespace Clarify.Typed.Benchmarks.HotPath;

/// <summary>
/// The typed call and the auth layer against the raw call on loopback, in turn: BenchmarkDotNet
/// measures one case after the other, so on a shared 2-core machine (client, server and everything
/// else on the same cores) a change in load between two cases lands in their ratio. Here blocks of
/// calls of each client follow each other round after round, each round's ratios are taken from
/// neighbouring blocks, and the medians of the rounds are reported, so slow drift cancels. Same clients and bytes as
/// <see cref="HotPathBenchmarks"/>. Run with <c>--loopback-interleaved</c>.
/// </summary>
internal static class InterleavedLoopback
{
    public const string Command = "--loopback-interleaved";

    private const int CallsPerBlock = 200;

    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("CLARIFY_INTERLEAVED_ROUNDS"), out int rounds) ? rounds : 300;

    public static async Task RunAsync(LoopbackServer server)
    {
        using var clients = new HotPathClients(server.ApiUrl, () => new SocketsHttpHandler());
        using var client = new ClarifyClient(clients.CreateClarifyHttpClient(), clients.Options, SelectItemsRequest.ClientOptions);
        var raw = new RpcCall(clients.Options.RpcUrl, SelectItemsRequest.Body);
        (string Name, Func<Task> Call)[] cases =
        [
            ("Raw HttpClient, fixed header", () => raw.SendAsync(clients.Raw)),
            ("ClarifyAuthenticationHandler", () => raw.SendAsync(clients.ClarifyHandler)),
            ("ClarifyClient.SelectItemsAsync", () => client.SelectItemsAsync(SelectItemsRequest.Query)),
        ];
        for (int i = 0; i < 20; i++)
        {
            foreach ((_, Func<Task> call) in cases)
            {
                await BlockAsync(call).ConfigureAwait(false);
            }
        }

        var means = cases.Select(_ => new List<double>(Rounds)).ToArray();
        var ratios = cases.Select(_ => new List<double>(Rounds)).ToArray();
        var block = new double[cases.Length];
        for (int round = 0; round < Rounds; round++)
        {
            // The order turns every round, so no case always follows another's garbage.
            for (int step = 0; step < cases.Length; step++)
            {
                int index = (round + step) % cases.Length;
                block[index] = await BlockAsync(cases[index].Call).ConfigureAwait(false);
            }

            for (int index = 0; index < cases.Length; index++)
            {
                means[index].Add(block[index]);
                ratios[index].Add(block[index] / block[0]);
            }
        }

        Console.WriteLine($"Loopback, {Rounds} rounds of {CallsPerBlock} calls per client, the clients in turn:");
        Console.WriteLine("| Client | µs per call, median (Q1-Q3) | Ratio to raw, median of rounds (Q1-Q3) |");
        Console.WriteLine("|---|---:|---:|");
        for (int index = 0; index < cases.Length; index++)
        {
            Console.WriteLine(
                $"| {cases[index].Name} | {Quantile(means[index], 0.5):F2} ({Quantile(means[index], 0.25):F2}-{Quantile(means[index], 0.75):F2}) " +
                $"| {Quantile(ratios[index], 0.5):F3} ({Quantile(ratios[index], 0.25):F3}-{Quantile(ratios[index], 0.75):F3}) |");
        }
    }

    /// <returns>Microseconds per call over one block.</returns>
    private static async Task<double> BlockAsync(Func<Task> call)
    {
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < CallsPerBlock; i++)
        {
            await call().ConfigureAwait(false);
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / CallsPerBlock;
    }

    private static double Quantile(List<double> values, double quantile)
    {
        double[] sorted = [.. values.Order()];
        double position = quantile * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }
}
