using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Diagnostics;
using Clarify.Typed.Emulator;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Rpc;
using Clarify.Typed.Tests.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.EndToEnd.Tests.Ingestion;

/// <summary>The writer under a real host: flushed when the host stops, its health check, its metrics on the container's meter.</summary>
[Collection(nameof(ClarifyWriterTests))]
public sealed class WriterHostingTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Stopping_the_host_flushes_the_writer_before_the_container_is_disposed()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using IHost host = BuildHost(emulator.Options, o => o.FlushInterval = TimeSpan.FromHours(1));
        await host.StartAsync();
        ClarifyWriter writer = host.Services.GetRequiredService<ClarifyWriter>();
        for (int i = 0; i < 25; i++)
        {
            await writer.WriteAsync("host/flow", Start.AddSeconds(i), i);
        }

        // The hour-long flush interval has not passed and the container lives on: only the host's stop can have sent them.
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, 25).Select(i => (double)i), emulator.GetSamples("host/flow").OrderBy(s => s.Key).Select(s => s.Value));
        Assert.Equal(ClarifyWriterStatus.Disposed, writer.Status);
    }

    [Fact]
    public async Task A_worker_registered_before_the_writer_still_gets_the_points_it_writes_while_it_stops_sent()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        var worker = new LastWordsWorker();
        using IHost host = BuildHost(emulator.Options, o => o.FlushInterval = TimeSpan.FromHours(1), services => services.AddSingleton<IHostedService>(worker));
        await host.StartAsync();
        worker.Writer = host.Services.GetRequiredService<ClarifyWriter>();

        // Hosts stop services in reverse order of registration: the writer's first, then the worker's.
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(worker.Failure);
        Assert.Equal([42.0], emulator.GetSamples("worker/last").Values);
    }

    [Fact]
    public async Task Stopping_the_host_during_an_outage_ends_after_the_dispose_timeout_and_logs_the_points_left_in_the_store()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        var logs = new CapturingLoggerFactory();
        var store = new ClarifyMemoryWriterStore(1000);
        using IHost host = BuildHost(emulator.Options, o =>
        {
            o.Store = store;
            o.LoggerFactory = logs;
            o.DisposeTimeout = TimeSpan.FromMilliseconds(300);
        });
        await host.StartAsync();
        emulator.Faults.StartOutage();
        await host.Services.GetRequiredService<ClarifyWriter>().WriteAsync(Points("down", 10));

        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(10, store.PendingPoints);
        Assert.Contains(logs.Lines, l => l.Contains("DisposedWithPending", StringComparison.Ordinal) && l.Contains("Pending=10", StringComparison.Ordinal));
        Assert.Equal(0, emulator.InsertedValueCount);
    }

    [Fact]
    public async Task The_hosts_shutdown_timeout_ends_the_flush_and_the_points_stay_in_the_store()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        var logs = new CapturingLoggerFactory();
        var store = new ClarifyMemoryWriterStore(1000);
        using IHost host = BuildHost(
            emulator.Options,
            o =>
            {
                o.Store = store;
                o.LoggerFactory = logs;
                o.DisposeTimeout = TimeSpan.FromHours(1);
            },
            services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(300)));
        await host.StartAsync();
        emulator.Faults.StartOutage();
        await host.Services.GetRequiredService<ClarifyWriter>().WriteAsync(Points("down", 10));

        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(10, store.PendingPoints);
        Assert.Contains(logs.Lines, l => l.Contains("ShutdownEndedFlush", StringComparison.Ordinal) && l.Contains("Pending=10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_health_check_is_healthy_degraded_when_points_wait_too_long_and_healthy_again_once_clarify_takes_them()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await using ClarifyEmulator emulator = await StartEmulatorAsync(time);
        using IHost host = BuildHost(
            emulator.Options,
            o => o.RetryMaxDelay = o.RetryInitialDelay = TimeSpan.FromSeconds(1),
            services =>
            {
                services.AddSingleton<TimeProvider>(time);
                services.AddHealthChecks().AddClarifyWriter(configure: o => o.MaxPendingAge = TimeSpan.FromMinutes(2), tags: ["ready"]);
            });
        await host.StartAsync();
        HealthCheckService health = host.Services.GetRequiredService<HealthCheckService>();
        ClarifyWriter writer = host.Services.GetRequiredService<ClarifyWriter>();

        HealthReportEntry healthy = await CheckAsync(health);
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(["ready"], healthy.Tags);

        emulator.Faults.StartOutage();
        await writer.WriteAsync(Points("late", 3));
        await DriveUntilAsync(time, () => writer.Status == ClarifyWriterStatus.Retrying, "an insert failed");
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(health)).Status);
        time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        HealthReportEntry degraded = await CheckAsync(health);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal(3L, degraded.Data["pending_points"]);
        Assert.True((double)degraded.Data["oldest_pending_age_seconds"] > 120);
        Assert.Equal(nameof(ClarifyWriterStatus.Retrying), degraded.Data["status"]);
        Assert.Contains("503", (string)degraded.Data["last_error"], StringComparison.Ordinal);

        emulator.Faults.EndOutage();
        await DriveUntilAsync(time, () => writer.PendingPoints == 0, "Clarify took the points");
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(health)).Status);
        await host.StopAsync();
    }

    [Fact]
    public async Task The_health_check_is_degraded_after_a_dead_letter_unless_told_otherwise()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        emulator.Faults.RejectInputKey("poison");
        using IHost host = BuildHost(emulator.Options, configureServices: services => services.AddHealthChecks()
            .AddClarifyWriter()
            .AddClarifyWriter(configure: o => o.DegradedOnDeadLetters = false, name: "lenient"));
        await host.StartAsync();
        HealthCheckService health = host.Services.GetRequiredService<HealthCheckService>();
        ClarifyWriter writer = host.Services.GetRequiredService<ClarifyWriter>();

        await writer.WriteAsync(Points("poison", 4).Concat(Points("good", 4)).ToArray());
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        HealthReport report = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, report.Entries[ClarifyWriterHealthCheckBuilderExtensions.DefaultName].Status);
        Assert.Equal(4L, report.Entries[ClarifyWriterHealthCheckBuilderExtensions.DefaultName].Data["dead_lettered_points"]);
        Assert.Equal(HealthStatus.Healthy, report.Entries["lenient"].Status);
        await host.StopAsync();
    }

    [Fact]
    public async Task The_health_check_reports_refused_credentials_with_its_failure_status_and_never_the_secret()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await using ClarifyEmulator emulator = await StartEmulatorAsync(time);
        const string WrongSecret = "not-the-secret-3f9a";
        var wrong = new ClarifyOptions(emulator.ApiUrl, emulator.Options.IntegrationId, ClarifyCredential.ClientCredentials(ClarifyEmulatorOptions.DefaultClientId, WrongSecret));
        using IHost host = BuildHost(wrong, configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddHealthChecks()
                .AddClarifyWriter()
                .AddClarifyWriter(name: "soft", failureStatus: HealthStatus.Degraded);
        });
        await host.StartAsync();
        ClarifyWriter writer = host.Services.GetRequiredService<ClarifyWriter>();
        await writer.WriteAsync(Points("a", 5));
        await DriveUntilAsync(time, () => writer.Status == ClarifyWriterStatus.AuthenticationFailed, "authentication fails");

        HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        HealthReportEntry refused = report.Entries[ClarifyWriterHealthCheckBuilderExtensions.DefaultName];
        Assert.Equal(HealthStatus.Unhealthy, refused.Status);
        Assert.IsType<ClarifyAuthenticationException>(refused.Exception);
        Assert.Equal(5L, refused.Data["pending_points"]);
        Assert.Equal(HealthStatus.Degraded, report.Entries["soft"].Status);
        string everything = string.Join('\n', report.Entries.Values.SelectMany(e => e.Data.Values.Select(v => v.ToString()).Append(e.Description).Append(e.Exception?.ToString())));
        Assert.DoesNotContain(WrongSecret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(ClarifyEmulatorOptions.DefaultClientSecret, everything, StringComparison.Ordinal);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await host.StopAsync(stop.Token);
    }

    [Fact]
    public async Task Each_host_measures_its_own_writer()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using IHost first = BuildHost(emulator.Options);
        using IHost second = BuildHost(emulator.Options);
        using var firstWritten = new MetricCollector<long>(first.Services.GetRequiredService<IMeterFactory>(), ClarifyTelemetry.Name, ClarifyTelemetry.WriterPointsWrittenInstrument);
        using var secondWritten = new MetricCollector<long>(second.Services.GetRequiredService<IMeterFactory>(), ClarifyTelemetry.Name, ClarifyTelemetry.WriterPointsWrittenInstrument);
        using var firstAcknowledged = new MetricCollector<long>(first.Services.GetRequiredService<IMeterFactory>(), ClarifyTelemetry.Name, ClarifyTelemetry.WriterPointsAcknowledgedInstrument);
        using var secondPending = new MetricCollector<long>(second.Services.GetRequiredService<IMeterFactory>(), ClarifyTelemetry.Name, ClarifyTelemetry.WriterPointsPendingInstrument);
        using var secondAge = new MetricCollector<double>(second.Services.GetRequiredService<IMeterFactory>(), ClarifyTelemetry.Name, ClarifyTelemetry.WriterOldestPendingAgeInstrument);
        await first.StartAsync();
        await second.StartAsync();

        ClarifyWriter firstWriter = first.Services.GetRequiredService<ClarifyWriter>();
        await firstWriter.WriteAsync(Points("first", 5));
        await firstWriter.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await second.Services.GetRequiredService<ClarifyWriter>().WriteAsync(Points("second", 7));
        secondPending.RecordObservableInstruments();
        secondAge.RecordObservableInstruments();

        Assert.Equal(5, firstWritten.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(5, firstAcknowledged.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(7, secondWritten.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(7, secondPending.LastMeasurement?.Value);
        Assert.NotNull(secondAge.LastMeasurement);
        await first.StopAsync();
        await second.StopAsync();
    }

    private static IHost BuildHost(ClarifyOptions options, Action<ClarifyWriterOptions>? configureWriter = null, Action<IServiceCollection>? configureServices = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        configureServices?.Invoke(builder.Services);
        builder.Services.AddClarify(options).AddWriter(configureWriter);
        builder.Services.Configure<ClarifyClientOptions>(o => o.EnableRateLimiting = false);
        return builder.Build();
    }

    private static async Task<HealthReportEntry> CheckAsync(HealthCheckService health) =>
        (await health.CheckHealthAsync()).Entries[ClarifyWriterHealthCheckBuilderExtensions.DefaultName];

    private static WritePoint[] Points(string key, int count) =>
        Enumerable.Range(0, count).Select(i => new WritePoint(key, Start.AddSeconds(i), i)).ToArray();

    /// <summary>Writes one point in its StopAsync, as a worker that saves its last state does.</summary>
    private sealed class LastWordsWorker : IHostedService
    {
        public ClarifyWriter? Writer { get; set; }

        public Exception? Failure { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            try
            {
                await Writer!.WriteAsync("worker/last", Start, 42, cancellationToken);
            }
            catch (ObjectDisposedException e)
            {
                Failure = e;
            }
        }
    }
}
