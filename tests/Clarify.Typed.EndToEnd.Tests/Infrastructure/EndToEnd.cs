using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.Time.Testing;

namespace Clarify.Typed.EndToEnd.Tests.Infrastructure;

/// <summary>Starts emulators and clients the way every end-to-end test needs them.</summary>
internal static class EndToEnd
{
    /// <summary>An emulator on a random loopback port; rate limits off unless a test is about them.</summary>
    public static Task<ClarifyEmulator> StartEmulatorAsync(TimeProvider? time = null, bool enforceRateLimits = false, Action<ClarifyEmulatorOptions>? configure = null)
    {
        var options = new ClarifyEmulatorOptions { EnforceRateLimits = enforceRateLimits };
        if (time is not null)
        {
            options.TimeProvider = time;
        }

        configure?.Invoke(options);
        return ClarifyEmulator.StartAsync(options);
    }

    /// <summary>
    /// A client with its own authenticated pipeline, unpaced unless told otherwise. For an https
    /// emulator its transport trusts the emulator's certificate; for http it is the library's own.
    /// </summary>
    public static ClarifyClient CreateClient(ClarifyEmulator emulator, TimeProvider? time = null, Action<ClarifyClientOptions>? configure = null) =>
        CreateClient(emulator.Options, time, configure, emulator.Certificate is null ? null : emulator.CreateHttpMessageHandler());

    public static ClarifyClient CreateClient(ClarifyOptions options, TimeProvider? time = null, Action<ClarifyClientOptions>? configure = null, System.Net.Http.HttpMessageHandler? primaryHandler = null)
    {
        var clientOptions = new ClarifyClientOptions { EnableRateLimiting = false };
        configure?.Invoke(clientOptions);
        return ClarifyClient.Create(options, clientOptions, primaryHandler: primaryHandler, timeProvider: time);
    }

    /// <summary>Saves signals by input key, publishes each as an item and returns the item ids by input key.</summary>
    public static async Task<Dictionary<string, string>> PublishAsync(ClarifyClient client, IReadOnlyDictionary<string, SignalSave> signals, Func<string, ItemSave>? item = null)
    {
        SaveSignalsResult saved = await client.SaveSignalsAsync(signals);
        Dictionary<string, string> signalIds = saved.SignalsByInput.ToDictionary(s => s.Key, s => s.Value.Id);
        PublishSignalsResult published = await client.PublishSignalsAsync(
            signalIds.ToDictionary(s => s.Value, s => item?.Invoke(s.Key) ?? new ItemSave { Name = signals[s.Key].Name, Visible = true }));
        return signalIds.ToDictionary(s => s.Key, s => published.ItemsBySignal[s.Value].Id);
    }

    /// <summary>Item ids by input key for inputs already created (by an insert), published under their input key as name.</summary>
    public static async Task<Dictionary<string, string>> PublishInsertedAsync(ClarifyClient client, InsertResult inserted)
    {
        PublishSignalsResult published = await client.PublishSignalsAsync(
            inserted.SignalsByInput.ToDictionary(s => s.Value.Id, s => new ItemSave { Name = s.Key, Visible = true }));
        return inserted.SignalsByInput.ToDictionary(s => s.Key, s => published.ItemsBySignal[s.Value.Id].Id);
    }

    public static ResourceQuery Items(params IEnumerable<string> ids) => new() { Filter = ResourceFilter.In("id", ids.Select(id => (FilterValue)id)) };

    /// <summary>A writer on a fake clock, retrying after 0.2 s and at most every 2 s of it, so an outage ends in few steps of <see cref="DriveUntilAsync"/>.</summary>
    public static ClarifyWriterOptions WriterOptions(FakeTimeProvider time, Action<ClarifyWriterOptions>? configure = null)
    {
        var options = new ClarifyWriterOptions
        {
            TimeProvider = time,
            RetryInitialDelay = TimeSpan.FromMilliseconds(200),
            RetryMaxDelay = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Moves a fake clock on in small steps until the task completes, and returns it (awaiting it rethrows what it threw).</summary>
    public static Task DriveAsync(FakeTimeProvider time, Task task) =>
        DriveUntilAsync(time, () => task.IsCompleted, "the task completes").ContinueWith(_ => task).Unwrap();

    /// <summary>Moves a fake clock on in small steps until the condition holds; the real-time limit is only a safety net.</summary>
    public static async Task DriveUntilAsync(FakeTimeProvider time, Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(2);
        }
    }

    /// <summary>Waits for something another thread does; the timeout is only a safety net, never the assertion.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(20))
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(5);
        }
    }
}
