using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Benchmarks.HotPath;

/// <summary>
/// Which types a typed call's bytes go to: runs <c>ClarifyClient.SelectItemsAsync</c> over
/// <see cref="InMemoryTransport"/> many times and counts the runtime's allocation samples
/// (<c>GCAllocationTick</c>, one per ~100 KB allocated, naming the type whose allocation crossed the
/// mark) by type. Samples are proportional to bytes, so with enough calls the share per type is
/// its share of the call's bytes. A profile without <c>dotnet-trace</c>, which this machine lacks.
/// Run with <c>--allocation-profile</c>.
/// </summary>
internal static class AllocationProfile
{
    public const string Command = "--allocation-profile";

    /// <summary>Calls per client: 400,000 (~3,000 samples each); CI's check of the command sets fewer.</summary>
    private static readonly int Calls = int.TryParse(Environment.GetEnvironmentVariable("CLARIFY_ALLOCATION_PROFILE_CALLS"), out int calls) ? calls : 400_000;

    public static async Task RunAsync()
    {
        using var clients = new HotPathClients(new Uri("https://api.clarify.io/v1/"), () => new InMemoryTransport());
        using var client = new ClarifyClient(clients.CreateClarifyHttpClient(), clients.Options, SelectItemsRequest.ClientOptions);
        var raw = new RpcCall(clients.Options.RpcUrl, SelectItemsRequest.Body);
        (long rawBytes, Dictionary<string, int> rawSamples) = await ProfileAsync(() => raw.SendAsync(clients.Raw));
        (long typedBytes, Dictionary<string, int> typedSamples) = await ProfileAsync(() => client.SelectItemsAsync(SelectItemsRequest.Query));

        Console.WriteLine($"In memory, B per call over {Calls:N0} calls: raw HttpClient {rawBytes}, ClarifyClient.SelectItemsAsync {typedBytes}");
        Console.WriteLine("| Type | Raw call, ≈ B | Typed call, ≈ B | Difference |");
        Console.WriteLine("|---|---:|---:|---:|");
        Dictionary<string, double> rawShare = Shares(rawSamples, rawBytes);
        Dictionary<string, double> typedShare = Shares(typedSamples, typedBytes);
        foreach (string type in rawShare.Keys.Union(typedShare.Keys).OrderByDescending(type => typedShare.GetValueOrDefault(type) - rawShare.GetValueOrDefault(type)))
        {
            double before = rawShare.GetValueOrDefault(type);
            double after = typedShare.GetValueOrDefault(type);
            if (Math.Max(before, after) >= 8)
            {
                Console.WriteLine($"| `{type}` | {before:F0} | {after:F0} | {after - before:+0;-0;0} |");
            }
        }
    }

    private static async Task<(long BytesPerCall, Dictionary<string, int> Samples)> ProfileAsync(Func<Task> call)
    {
        for (int i = 0; i < 1_000; i++)
        {
            await call().ConfigureAwait(false);
        }

        using var samples = new AllocationSamples();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < Calls; i++)
        {
            await call().ConfigureAwait(false);
        }

        return ((GC.GetTotalAllocatedBytes(precise: true) - before) / Calls, samples.Snapshot());
    }

    private static Dictionary<string, double> Shares(Dictionary<string, int> samples, long bytesPerCall)
    {
        double total = samples.Values.Sum();
        return samples.ToDictionary(entry => entry.Key, entry => entry.Value / total * bytesPerCall);
    }

    /// <summary>Listens to the runtime's GC events at the level that carries allocation ticks.</summary>
    private sealed class AllocationSamples : EventListener
    {
        private const int AllocationTickEventId = 10;
        private readonly Dictionary<string, int> _byType = [];
        private readonly Lock _lock = new();

        public Dictionary<string, int> Snapshot()
        {
            lock (_lock)
            {
                return new Dictionary<string, int>(_byType);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1 /* GC */);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventId != AllocationTickEventId || eventData.PayloadNames is null)
            {
                return;
            }

            int index = eventData.PayloadNames.IndexOf("TypeName");
            string type = index >= 0 ? eventData.Payload?[index] as string ?? "?" : "?";
            lock (_lock)
            {
                _byType[type] = _byType.GetValueOrDefault(type) + 1;
            }
        }
    }
}
