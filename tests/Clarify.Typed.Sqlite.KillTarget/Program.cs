using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Clarify.Typed;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Sqlite.KillTarget;

/// <summary>
/// <c>write STORE LOG API-URL INTEGRATION CLIENT-ID POINTS</c>: writes POINTS points (see
/// <see cref="KillPoints"/>) in spans of <see cref="KillPoints.SpanPoints"/> from four producers
/// through a writer on the SQLite store STORE, and appends each acknowledged span's index to LOG
/// (4 bytes each, fsynced). <c>flush STORE LOG API-URL INTEGRATION CLIENT-ID</c>: opens a writer
/// on STORE and flushes what it holds. The client secret comes in CLARIFY_CLIENT_SECRET.
/// </summary>
internal static class Program
{
    private const int Producers = 4;

    private static async Task<int> Main(string[] args)
    {
        if (args.Length < 5 || args[0] is not ("write" or "flush"))
        {
            Console.Error.WriteLine("usage: write|flush STORE LOG API-URL INTEGRATION CLIENT-ID [POINTS]");
            return 2;
        }

        string secret = Environment.GetEnvironmentVariable("CLARIFY_CLIENT_SECRET") ?? throw new InvalidOperationException("CLARIFY_CLIENT_SECRET is not set.");
        var options = new ClarifyOptions(new Uri(args[3]), args[4], ClarifyCredential.ClientCredentials(args[5], secret));
        using ClarifyClient client = ClarifyClient.Create(options, new ClarifyClientOptions { EnableRateLimiting = false });
        await using ClarifyWriter writer = ClarifyWriter.Create(client, new ClarifyWriterOptions
        {
            FlushInterval = TimeSpan.FromMilliseconds(50),
            MaxBatchPoints = 50_000, // smaller inserts: the kill lands among sends and acknowledgements too
            RetryInitialDelay = TimeSpan.FromMilliseconds(100),
            RetryMaxDelay = TimeSpan.FromSeconds(1),
            DisposeTimeout = TimeSpan.FromSeconds(30),
        }.UseSqlite(args[1]));

        if (args[0] == "flush")
        {
            await writer.FlushAsync();
            Console.WriteLine($"flushed; pending {writer.PendingPoints}");
            return writer.PendingPoints == 0 ? 0 : 1;
        }

        // For the test's failure message: how sending went until the kill.
        _ = Task.Run(async () =>
        {
            while (true)
            {
                await Task.Delay(500);
                Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} pending {writer.PendingPoints}, status {writer.Status}, last error: {writer.LastError?.Message ?? "none"}");
            }
        });
        int spans = int.Parse(args[6], CultureInfo.InvariantCulture) / KillPoints.SpanPoints;
        var acknowledged = Channel.CreateUnbounded<int>();
        Task logging = LogAsync(args[2], acknowledged.Reader);
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var points = new WritePoint[KillPoints.SpanPoints];
            for (int span = p; span < spans; span += Producers)
            {
                for (int j = 0; j < points.Length; j++)
                {
                    points[j] = KillPoints.Point((span * KillPoints.SpanPoints) + j);
                }

                await writer.WriteAsync(points);
                acknowledged.Writer.TryWrite(span);
            }
        })));
        acknowledged.Writer.Complete();
        await logging;
        await writer.FlushAsync();
        Console.WriteLine("written and flushed");
        return 0;
    }

    /// <summary>Appends acknowledged span indexes, fsyncing after each group, so the log only ever claims what the store holds.</summary>
    private static async Task LogAsync(string path, ChannelReader<int> acknowledged)
    {
        await using var log = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var record = new byte[sizeof(int)];
        while (await acknowledged.WaitToReadAsync())
        {
            while (acknowledged.TryRead(out int span))
            {
                BitConverter.TryWriteBytes(record, span);
                log.Write(record);
            }

            log.Flush(flushToDisk: true);
        }
    }
}
