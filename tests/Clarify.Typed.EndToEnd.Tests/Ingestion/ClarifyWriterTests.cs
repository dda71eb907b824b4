using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Diagnostics;
using Clarify.Typed.Emulator;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.Time.Testing;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.EndToEnd.Tests.Ingestion;

/// <summary>
/// The writer against the emulator, on one fake clock shared by the writer, the client's pacing and
/// the emulator's rate limits; <see cref="DriveAsync"/> moves it on while the real I/O happens.
/// </summary>
/// <summary>
/// The writer tests, run alone: without dependency injection a writer records on the process-wide
/// meter (<c>ClarifyMetrics.Shared</c>), so the metrics test counts every point any writer writes
/// meanwhile; a writer in another collection (the typed-signals tests write through one) once
/// made it count 1,413 points instead of 30.
/// </summary>
[CollectionDefinition(nameof(ClarifyWriterTests), DisableParallelization = true)]
public sealed class WriterCollection;

[Collection(nameof(ClarifyWriterTests))]
public sealed class ClarifyWriterTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Through_an_outage_64_producers_never_see_an_exception_and_every_point_arrives_once()
    {
        const int Producers = 64;
        const int PointsEach = 200;
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time, enforceRateLimits: true);
        using ClarifyClient client = CreateClient(emulator, _time, o => o.EnableRateLimiting = true);
        await using ClarifyWriter writer = ClarifyWriter.Create(client, Options());
        emulator.Faults.StartOutage();

        Task producers = Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            for (int i = 0; i < PointsEach; i++)
            {
                await writer.WriteAsync($"p{p}", Start.AddSeconds(i), Value(p, i));
            }
        })));
        await DriveUntilAsync(() => producers.IsCompleted && emulator.RpcRequestCount >= 3, "the producers are done and three inserts failed");

        await producers;
        Assert.Equal(ClarifyWriterStatus.Retrying, writer.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, Assert.IsType<ClarifyHttpException>(writer.LastError).StatusCode);
        Assert.Equal(Producers * PointsEach, writer.PendingPoints);
        Assert.Equal(0, emulator.InsertedValueCount);

        emulator.Faults.EndOutage();
        await DriveAsync(writer.FlushAsync());

        Assert.Equal(ClarifyWriterStatus.Sending, writer.Status);
        Assert.Null(writer.LastError);
        Assert.Equal(0, writer.PendingPoints);
        Assert.Equal(Producers * PointsEach, emulator.InsertedValueCount);
        for (int p = 0; p < Producers; p++)
        {
            Assert.Equal(Enumerable.Range(0, PointsEach).Select(i => (Start.AddSeconds(i), Value(p, i))), Samples(emulator, $"p{p}"));
        }
    }

    [Fact]
    public async Task Sixty_four_producers_of_ten_thousand_points_are_sent_at_one_insert_a_second_under_the_size_limit_exactly_once()
    {
        const int Producers = 64;
        const int PointsEach = 10_000;
        const long Limit = 512 * 1024;
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time, enforceRateLimits: true, o => o.MaxRequestBodySize = Limit);
        var sent = new RpcRecorder(_time, emulator.CreateHttpMessageHandler());
        var clientOptions = new ClarifyClientOptions { MaxRequestBytes = Limit };
        using ClarifyClient client = ClarifyClient.Create(emulator.Options, clientOptions, primaryHandler: sent, timeProvider: _time);
        await using ClarifyWriter writer = ClarifyWriter.Create(client, Options(o => o.MaxBatchPoints = 100_000));
        var deadLettered = new List<ClarifyDeadLetter>();
        writer.DeadLettered += (_, e) => deadLettered.Add(e.DeadLetter);
        DateTimeOffset began = _time.GetUtcNow();

        Task producers = Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var points = new WritePoint[100];
            for (int i = 0; i < PointsEach; i += points.Length)
            {
                for (int j = 0; j < points.Length; j++)
                {
                    points[j] = new WritePoint($"p{p}", Start.AddSeconds(i + j), Value(p, i + j));
                }

                await writer.WriteAsync(points);
            }
        })));
        await DriveAsync(producers);
        await DriveAsync(writer.FlushAsync());

        Assert.Empty(deadLettered);
        Assert.Equal(Producers * PointsEach, emulator.InsertedValueCount);
        Assert.All(Enumerable.Range(0, Producers), p => Assert.Equal(Enumerable.Range(0, PointsEach).Select(i => (Start.AddSeconds(i), Value(p, i))), Samples(emulator, $"p{p}")));

        // Several requests were needed (the limit is far below the data), each within the limit, one
        // at a time, and no more than one a second on the shared clock. (Gaps between two requests
        // are not compared: the clock races ahead while a released request reaches the handler.
        // The spacing itself is the client's limiter's, pinned by Rpc/RateLimitTests.)
        IReadOnlyList<(DateTimeOffset At, long Bytes)> requests = sent.Requests;
        Assert.Equal(emulator.GetRpcRequestCount(ClarifyRpcMethods.Insert), requests.Count);
        Assert.True(requests.Count >= 4, $"expected several inserts, got {requests.Count}");
        Assert.All(requests, r => Assert.InRange(r.Bytes, 1, Limit));
        Assert.Equal(1, sent.MaxInFlight);
        Assert.InRange(requests.Count, 4, ((requests[^1].At - began).TotalSeconds) + 1);
    }

    [Fact]
    public async Task Only_the_points_of_a_key_clarify_rejects_are_dead_lettered_with_its_error()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time);
        using ClarifyClient client = CreateClient(emulator, _time);
        var store = new ClarifyMemoryWriterStore(100_000);
        await using ClarifyWriter writer = ClarifyWriter.Create(client, Options(o => o.Store = store));
        var raised = new List<ClarifyDeadLetter>();
        writer.DeadLettered += (_, e) => raised.Add(e.DeadLetter);
        emulator.Faults.RejectInputKey("poison");
        string[] keys = ["good1", "poison", "good2", "good3"];

        for (int i = 0; i < 50; i++)
        {
            foreach (string key in keys)
            {
                await writer.WriteAsync(key, Start.AddSeconds(i), i);
            }
        }

        await DriveAsync(writer.FlushAsync());

        ClarifyDeadLetter deadLetter = Assert.Single(await store.ReadDeadLettersAsync(default));
        Assert.Same(deadLetter, Assert.Single(raised));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => new WritePoint("poison", Start.AddSeconds(i), i)), deadLetter.Points);
        ClarifyRpcException error = Assert.IsType<ClarifyRpcException>(deadLetter.Error);
        Assert.Equal(ClarifyRpcErrorCode.InvalidParams, error.Code);
        Assert.Contains("data.series.poison", error.Params.Keys);
        Assert.Empty(emulator.GetSamples("poison"));
        Assert.All(keys.Where(k => k != "poison"), k => Assert.Equal(50, emulator.GetSamples(k).Count));
        Assert.Equal(150, emulator.InsertedValueCount);
        Assert.Equal(0, writer.PendingPoints);
    }

    [Fact]
    public async Task At_the_memory_bound_writes_wait_and_go_on_when_clarify_acknowledges()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time);
        using ClarifyClient client = CreateClient(emulator, _time);
        await using ClarifyWriter writer = ClarifyWriter.Create(client, Options(o => o.MaxPendingPoints = 100));
        emulator.Faults.StartOutage();
        await writer.WriteAsync(Points("a", 100));

        ValueTask blocked = writer.WriteAsync("a", Start.AddDays(1), 1);
        await DriveUntilAsync(() => emulator.RpcRequestCount >= 2, "two inserts failed");

        Assert.False(blocked.IsCompleted);
        Assert.Equal(100, writer.PendingPoints);
        emulator.Faults.EndOutage();
        await DriveAsync(blocked.AsTask());
        await DriveAsync(writer.FlushAsync());
        Assert.Equal(101, emulator.InsertedValueCount);
    }

    [Fact]
    public async Task At_the_memory_bound_in_throw_mode_a_write_throws_a_typed_error()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time);
        using ClarifyClient client = CreateClient(emulator, _time);
        await using ClarifyWriter writer = ClarifyWriter.Create(client, Options(o =>
        {
            o.MaxPendingPoints = 100;
            o.FullMode = ClarifyWriterFullMode.Throw;
        }));
        emulator.Faults.StartOutage();
        await writer.WriteAsync(Points("a", 100));

        await Assert.ThrowsAsync<ClarifyWriterFullException>(() => writer.WriteAsync("a", Start.AddDays(1), 1).AsTask());

        Assert.Equal(100, writer.PendingPoints);
        emulator.Faults.EndOutage();
    }

    [Fact]
    public async Task Dispose_flushes_what_was_written()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time);
        using ClarifyClient client = CreateClient(emulator, _time);
        var store = new ClarifyMemoryWriterStore(1000);
        ClarifyWriter writer = ClarifyWriter.Create(client, Options(o => o.Store = store));
        await writer.WriteAsync(Points("a", 30));

        await DriveAsync(writer.DisposeAsync().AsTask());

        Assert.Equal(30, emulator.GetSamples("a").Count);
        Assert.Equal(0, store.PendingPoints);
        Assert.Equal(ClarifyWriterStatus.Disposed, writer.Status);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync("a", Start, 1).AsTask());
    }

    [Fact]
    public async Task Dispose_during_an_outage_returns_after_its_timeout_and_keeps_the_points_in_the_store()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time);
        using ClarifyClient client = CreateClient(emulator, _time);
        var store = new ClarifyMemoryWriterStore(1000);
        ClarifyWriter writer = ClarifyWriter.Create(client, Options(o =>
        {
            o.Store = store;
            o.DisposeTimeout = TimeSpan.FromSeconds(5);
        }));
        emulator.Faults.StartOutage();
        await writer.WriteAsync(Points("a", 30));
        DateTimeOffset disposing = _time.GetUtcNow();

        await DriveAsync(writer.DisposeAsync().AsTask());

        TimeSpan took = _time.GetUtcNow() - disposing;
        Assert.InRange(took, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6));
        Assert.Equal(30, store.PendingPoints);
        Assert.Equal(30, (await store.ReadPendingAsync(1000, default)).Sum(b => b.Points.Count));
        Assert.Equal(0, emulator.InsertedValueCount);
    }

    [Fact]
    public async Task Flush_sends_at_once_and_returns_only_when_clarify_has_every_point_written_before_it()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time);
        using ClarifyClient client = CreateClient(emulator, _time);
        await using ClarifyWriter writer = ClarifyWriter.Create(client, Options(o => o.FlushInterval = TimeSpan.FromHours(1)));
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await writer.WriteAsync(Points("a", 10));

        // The clock does not move: only the flush can make the writer send before its hour is up.
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(10, emulator.InsertedValueCount);

        emulator.Faults.StartOutage();
        await writer.WriteAsync(Points("b", 10));
        Task flush = writer.FlushAsync();
        await DriveUntilAsync(() => emulator.RpcRequestCount >= 4, "two inserts failed");
        Assert.False(flush.IsCompleted);

        emulator.Faults.EndOutage();
        await DriveAsync(flush);
        Assert.Equal(20, emulator.InsertedValueCount);
    }

    [Fact]
    public async Task Refused_credentials_pause_sending_and_keep_every_point()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time);
        var wrong = new ClarifyOptions(emulator.ApiUrl, emulator.Options.IntegrationId, ClarifyCredential.ClientCredentials(ClarifyEmulatorOptions.DefaultClientId, "not-the-secret"));
        using ClarifyClient client = CreateClient(wrong, _time);
        var store = new ClarifyMemoryWriterStore(1000);
        ClarifyWriter writer = ClarifyWriter.Create(client, Options(o =>
        {
            o.Store = store;
            o.DisposeTimeout = TimeSpan.FromSeconds(1);
        }));
        await writer.WriteAsync(Points("a", 10));

        await DriveUntilAsync(() => writer.Status == ClarifyWriterStatus.AuthenticationFailed, "authentication fails");

        Assert.IsType<ClarifyAuthenticationException>(writer.LastError);
        await DriveAsync(writer.DisposeAsync().AsTask());
        Assert.Equal(10, store.PendingPoints);
        Assert.Empty(await store.ReadDeadLettersAsync(default));
    }

    [Fact]
    public async Task Producers_never_wait_for_an_insert_in_flight()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time);
        using ClarifyClient client = CreateClient(emulator, _time);
        await using ClarifyWriter writer = ClarifyWriter.Create(client, Options());
        emulator.Faults.SlowRpcAnswers(TimeSpan.FromSeconds(30));
        await writer.WriteAsync(Points("a", 10));
        await DriveUntilAsync(() => emulator.RpcRequestCount >= 1, "an insert is in flight");

        // The clock stands still, so the insert stays in flight: every write completes at once anyway.
        ValueTask[] writes = Enumerable.Range(0, 1000).Select(i => writer.WriteAsync("b", Start.AddSeconds(i), i)).ToArray();

        Assert.All(writes, w => Assert.True(w.IsCompletedSuccessfully));
        Assert.Equal(0, emulator.InsertedValueCount);
        emulator.Faults.SlowRpcAnswers(TimeSpan.Zero);
        await DriveAsync(writer.FlushAsync());
        Assert.Equal(1010, emulator.InsertedValueCount);
    }

    [Fact]
    public async Task Points_written_acknowledged_pending_retried_and_dead_lettered_are_measured()
    {
        var measured = new Dictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ClarifyTelemetry.Name && instrument.Name.StartsWith("clarify.writer.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Record(instrument.Name, value, instrument is ObservableGauge<long>));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Record(instrument.Name, value, gauge: true));
        listener.Start();
        await using ClarifyEmulator emulator = await StartEmulatorAsync(_time);
        using ClarifyClient client = CreateClient(emulator, _time);
        await using ClarifyWriter writer = ClarifyWriter.Create(client, Options());
        emulator.Faults.RejectInputKey("poison");
        emulator.Faults.StartOutage();
        await writer.WriteAsync(Points("good", 20).Concat(Points("poison", 10)).ToArray());
        await DriveUntilAsync(() => emulator.RpcRequestCount >= 2, "two inserts failed");

        listener.RecordObservableInstruments();
        Assert.Equal(30, Measured(ClarifyTelemetry.WriterPointsPendingInstrument));
        Assert.True(Measured(ClarifyTelemetry.WriterOldestPendingAgeInstrument) > 0);
        emulator.Faults.EndOutage();
        await DriveAsync(writer.FlushAsync());
        listener.RecordObservableInstruments();

        Assert.Equal(30, Measured(ClarifyTelemetry.WriterPointsWrittenInstrument));
        Assert.Equal(20, Measured(ClarifyTelemetry.WriterPointsAcknowledgedInstrument));
        Assert.Equal(10, Measured(ClarifyTelemetry.WriterDeadLetteredInstrument));
        Assert.True(Measured(ClarifyTelemetry.WriterRetriesInstrument) >= 2);
        Assert.Equal(0, Measured(ClarifyTelemetry.WriterPointsPendingInstrument));

        void Record(string name, double value, bool gauge)
        {
            lock (measured)
            {
                measured[name] = gauge ? value : measured.GetValueOrDefault(name) + value;
            }
        }

        double Measured(string name)
        {
            lock (measured)
            {
                return measured.GetValueOrDefault(name);
            }
        }
    }

    /// <summary>Records when each RPC request leaves the client (on the fake clock) and its body size.</summary>
    private sealed class RpcRecorder(TimeProvider time, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly List<(DateTimeOffset At, long Bytes)> _requests = [];
        private int _inFlight;
        private int _maxInFlight;

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public IReadOnlyList<(DateTimeOffset At, long Bytes)> Requests
        {
            get
            {
                lock (_requests)
                {
                    return _requests.ToArray();
                }
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.EndsWith("/rpc", StringComparison.Ordinal))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            lock (_requests)
            {
                _requests.Add((time.GetUtcNow(), request.Content?.Headers.ContentLength ?? 0));
                _maxInFlight = Math.Max(_maxInFlight, ++_inFlight);
            }

            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                lock (_requests)
                {
                    _inFlight--;
                }
            }
        }
    }

    private static double Value(int producer, int i) => (producer * 100_000) + i + 0.5;

    private static WritePoint[] Points(string key, int count) =>
        Enumerable.Range(0, count).Select(i => new WritePoint(key, Start.AddSeconds(i), i)).ToArray();

    private static IEnumerable<(DateTimeOffset, double)> Samples(ClarifyEmulator emulator, string key) =>
        emulator.GetSamples(key).OrderBy(s => s.Key).Select(s => (s.Key, s.Value));

    private ClarifyWriterOptions Options(Action<ClarifyWriterOptions>? configure = null) => Infrastructure.EndToEnd.WriterOptions(_time, configure);

    private Task DriveAsync(Task task) => Infrastructure.EndToEnd.DriveAsync(_time, task);

    private Task DriveUntilAsync(Func<bool> condition, string what) => Infrastructure.EndToEnd.DriveUntilAsync(_time, condition, what);
}
