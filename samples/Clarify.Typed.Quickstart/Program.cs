// The Clarify.Typed quickstart: saves signals, inserts a day of minute data, publishes the
// signals as items, finds them again, reads back an hourly rollup, and streams live points
// through ClarifyWriter. Its credentials come from clarify-credentials.json, checked at compile
// time by the Clarify.Typed generator. When they point at a loopback address it starts the
// Clarify emulator there with the same credentials; with real credentials it talks to Clarify.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed;
using Clarify.Typed.Authentication;
using Clarify.Typed.Emulator;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Models;
using Clarify.Typed.Quickstart;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.DependencyInjection;

ClarifyOptions options = ClarifyCredentials.Options;
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

try
{
    await QuickstartRun.RunAsync(options, cancellation.Token);
    return 0;
}
catch (ClarifyException error)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine($"Quickstart failed ({error.GetType().Name}): {error.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Quickstart cancelled.");
    return 130;
}

namespace Clarify.Typed.Quickstart
{
    internal static class QuickstartRun
    {
        // Names and units come from BoilerReading's attributes; only the demo's wave shapes are written here.
        private static readonly (string Key, string Name, string Unit, Func<double, double> Shape)[] Signals =
        [
            Signal(BoilerReading.InputKeys.Temperature, hour => 70 + (12 * Math.Sin(hour / 24 * 2 * Math.PI))),
            Signal(BoilerReading.InputKeys.Pressure, hour => 4 + (0.6 * Math.Cos(hour / 24 * 2 * Math.PI))),
            Signal(BoilerReading.InputKeys.FeedFlow, hour => 18 + (6 * Math.Sin(hour / 6 * Math.PI)) + (hour % 7 < 1 ? 4 : 0)),
        ];

        public static async Task RunAsync(ClarifyOptions options, CancellationToken cancellationToken)
        {
            Console.WriteLine($"Integration: {options.Name ?? options.IntegrationId}");
            Console.WriteLine($"Options:     {options}");

            await using ClarifyEmulator? emulator = options.IsLoopback
                ? await ClarifyEmulator.StartAsync(ClarifyEmulatorOptions.From(options), cancellationToken)
                : null;
            Console.WriteLine(emulator is null
                ? $"Talking to Clarify at {options.ApiUrl}"
                : $"Started the Clarify emulator at {emulator.ApiUrl} (loopback api URL in clarify-credentials.json)");
            Console.WriteLine();

            var services = new ServiceCollection();
            services.AddClarify(options).AddApi<IQuickstartApi>(QuickstartJsonContext.Default).AddWriter();
            await using ServiceProvider provider = services.BuildServiceProvider();
            ClarifyClient clarify = provider.GetRequiredService<ClarifyClient>();

            Dictionary<string, string> signalIds = await SaveSignalsAsync(clarify, cancellationToken);
            await InsertDayAsync(clarify, cancellationToken);
            Dictionary<string, string> itemIds = await PublishAsync(clarify, signalIds, cancellationToken);
            List<Resource<ItemAttributes>> items = await SelectItemsAsync(clarify, provider.GetRequiredService<IQuickstartApi>(), cancellationToken);
            await ShowHourlyRollupAsync(clarify, items, itemIds, cancellationToken);
            await WriteLiveAsync(clarify, provider.GetRequiredService<ClarifyWriter>(), itemIds, cancellationToken);

            long tokenRequests = provider.GetRequiredKeyedService<ClarifyTokenCache>(string.Empty).TokenRequestCount;
            Console.WriteLine();
            Console.WriteLine($"Token requests: {tokenRequests} (one token served every call)");
            if (emulator is not null)
            {
                string byMethod = string.Join(", ", emulator.RpcRequestCountsByMethod.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} {m.Value}"));
                Console.WriteLine($"Emulator saw {emulator.TokenRequestCount} token request(s) and {emulator.RpcRequestCount} RPC requests: {byMethod}");
            }

            Console.WriteLine("Quickstart completed.");
        }

        private static async Task<Dictionary<string, string>> SaveSignalsAsync(ClarifyClient clarify, CancellationToken cancellationToken)
        {
            SaveSignalsResult saved = await clarify.SaveSignalsAsync(BoilerReading.Signals, createOnly: false, cancellationToken);
            Console.WriteLine($"1. Saved {saved.SignalsByInput.Count} signals ({saved.SignalsByInput.Count(s => s.Value.Created)} new)");
            return saved.SignalsByInput.ToDictionary(s => s.Key, s => s.Value.Id, StringComparer.Ordinal);
        }

        private static async Task InsertDayAsync(ClarifyClient clarify, CancellationToken cancellationToken)
        {
            const int Batches = 4;
            const int MinutesPerBatch = 24 * 60 / Batches;
            DateTimeOffset start = Day;
            Console.Write("2. Inserting a day of minute data ");
            for (int batch = 0; batch < Batches; batch++)
            {
                DataFrameBuilder frame = DataFrame.CreateBuilder();
                for (int minute = batch * MinutesPerBatch; minute < (batch + 1) * MinutesPerBatch; minute++)
                {
                    double hour = minute / 60.0;
                    frame.AddRow(start.AddMinutes(minute), Signals.Select(s => new KeyValuePair<string, double?>(s.Key, Math.Round(s.Shape(hour), 3))));
                }

                await clarify.InsertAsync(frame.Build(), cancellationToken);
                int done = batch + 1;
                string progress = $"[{new string('#', done * 20 / Batches),-20}] {done * MinutesPerBatch * Signals.Length,5} points";
                Console.Write(Console.IsOutputRedirected ? $"{Environment.NewLine}     {progress}" : $"\r2. Inserting a day of minute data {progress}");
            }

            Console.WriteLine();
        }

        private static async Task<Dictionary<string, string>> PublishAsync(ClarifyClient clarify, Dictionary<string, string> signalIds, CancellationToken cancellationToken)
        {
            var items = Signals.ToDictionary(
                s => signalIds[s.Key],
                s => new ItemSave
                {
                    Name = s.Name,
                    EngUnit = s.Unit,
                    ValueType = ValueKind.Numeric,
                    Visible = true,
                    Labels = new() { ["source"] = ["quickstart"], ["site"] = ["demo-plant"] },
                },
                StringComparer.Ordinal);
            PublishSignalsResult published = await clarify.PublishSignalsAsync(items, createOnly: false, cancellationToken);
            Console.WriteLine($"3. Published {published.ItemsBySignal.Count} signals as items");
            return signalIds.ToDictionary(s => s.Key, s => published.ItemsBySignal[s.Value].Id, StringComparer.Ordinal);
        }

        private static async Task<List<Resource<ItemAttributes>>> SelectItemsAsync(ClarifyClient clarify, IQuickstartApi userApi, CancellationToken cancellationToken)
        {
            var quickstartItems = new ResourceQuery { Filter = ResourceFilter.Equals("labels.source", "quickstart"), Sort = ["name"] };
            var items = new List<Resource<ItemAttributes>>();
            await foreach (Resource<ItemAttributes> item in clarify.SelectAllItemsAsync(quickstartItems, cancellationToken))
            {
                items.Add(item);
            }

            JsonRpcResponse<ItemCount> count = await userApi.CountItemsAsync(
                new JsonRpcRequest<CountItemsParams>(1, ClarifyRpcMethods.SelectItems, new(new(new() { ["labels.source"] = "quickstart" }))),
                cancellationToken);
            Console.WriteLine($"4. Selected {items.Count} items (a user-declared Refit interface counts {count.Result?.Meta?.Total} on the same token):");
            foreach (Resource<ItemAttributes> item in items)
            {
                Console.WriteLine($"     {item.Id}  {item.Attributes?.Name,-20} {item.Attributes?.EngUnit}");
            }

            return items;
        }

        private static async Task ShowHourlyRollupAsync(ClarifyClient clarify, List<Resource<ItemAttributes>> items, Dictionary<string, string> itemIds, CancellationToken cancellationToken)
        {
            Selection<DataFrame> hourly = await clarify.DataFrameAsync(
                new ResourceQuery { Filter = ResourceFilter.In("id", [.. items.Select(i => i.Id)]) },
                new DataQuery { Filter = DataFilter.TimeRange(Day, Day.AddDays(1)), Rollup = Rollup.Every(TimeSpan.FromHours(1)) },
                cancellationToken: cancellationToken);
            DataFrame frame = hourly.Data ?? DataFrame.Empty;
            var columns = Signals.Select(s => (s.Name, s.Unit, Values: frame[itemIds[s.Key] + "_avg"] ?? [])).ToList();

            Console.WriteLine($"5. Hourly averages on {Day:yyyy-MM-dd} (UTC), read back as a rolled-up data frame:");
            Console.WriteLine("     hour  " + string.Join("  ", columns.Select(c => $"{c.Name + " (" + c.Unit + ")",24}")));
            for (int row = 0; row < frame.RowCount; row++)
            {
                Console.WriteLine($"     {frame.Times[row]:HH:mm}  " + string.Join("  ", columns.Select(c => Format(c.Values, row))));
            }

            Console.WriteLine();
            foreach ((string name, _, IReadOnlyList<double?> values) in columns)
            {
                Console.WriteLine($"     {name,-20} {Sparkline(values)}");
            }
        }

        private static async Task WriteLiveAsync(ClarifyClient clarify, ClarifyWriter writer, Dictionary<string, string> itemIds, CancellationToken cancellationToken)
        {
            // Each signal is a producer on its own task writing 20 seconds of one-second points:
            // WriteAsync returns once a point is in the writer's store, and the writer batches them
            // into inserts; FlushAsync returns once Clarify acknowledged every one.
            const int Seconds = 20;
            DateTimeOffset start = Day.AddDays(1);
            await Task.WhenAll(Signals.Select(signal => Task.Run(
                async () =>
                {
                    for (int second = 0; second < Seconds; second++)
                    {
                        await writer.WriteAsync(signal.Key, start.AddSeconds(second), Math.Round(signal.Shape(24 + (second / 3600.0)), 3), cancellationToken);
                    }
                },
                cancellationToken)));
            await writer.FlushAsync(cancellationToken);
            Console.WriteLine($"6. Wrote {Signals.Length * Seconds} live points through ClarifyWriter from {Signals.Length} producers; flushed, {writer.PendingPoints} pending");

            DataFrame live = (await clarify.DataFrameAsync(
                new ResourceQuery { Filter = ResourceFilter.In("id", [.. itemIds.Values]) },
                new DataQuery { Filter = DataFilter.TimeRange(start, start.AddSeconds(Seconds)) },
                cancellationToken: cancellationToken)).Data ?? DataFrame.Empty;
            foreach ((string key, string name, string unit, _) in Signals)
            {
                IReadOnlyList<double?> values = live[itemIds[key]] ?? [];
                string last = values.LastOrDefault(v => v.HasValue) is double value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "-";
                Console.WriteLine($"     {name,-20} read back {values.Count(v => v.HasValue),2} points, last {last} {unit}");
            }
        }

        private static (string Key, string Name, string Unit, Func<double, double> Shape) Signal(string inputKey, Func<double, double> shape)
        {
            SignalSave signal = BoilerReading.Signals[inputKey];
            return (inputKey, signal.Name!, signal.EngUnit!, shape);
        }

        private static DateTimeOffset Day { get; } = new(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(-1), TimeSpan.Zero);

        private static string Format(IReadOnlyList<double?> values, int row) =>
            (row < values.Count && values[row] is double value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "-").PadLeft(24);

        private static string Sparkline(IReadOnlyList<double?> values)
        {
            const string Bars = "▁▂▃▄▅▆▇█";
            double[] known = [.. values.Where(v => v.HasValue).Select(v => v!.Value)];
            if (known.Length == 0)
            {
                return "(no data)";
            }

            double min = known.Min();
            double span = Math.Max(known.Max() - min, 1e-9);
            return string.Concat(values.Select(v => v is double value ? Bars[(int)Math.Round((value - min) / span * (Bars.Length - 1))] : ' '))
                + $"  {min:0.0} … {known.Max():0.0}";
        }
    }
}
