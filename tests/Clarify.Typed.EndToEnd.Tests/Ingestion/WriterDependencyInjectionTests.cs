using System;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.DependencyInjection;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.EndToEnd.Tests.Ingestion;

/// <summary>The writer as an application gets it: <c>AddClarify(...).AddWriter(...)</c>.</summary>
[Collection(nameof(ClarifyWriterTests))]
public sealed class WriterDependencyInjectionTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_registered_writer_sends_through_the_integrations_client_and_flushes_when_the_container_is_disposed()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        var services = new ServiceCollection();
        services.AddClarify(emulator.Options).AddWriter(o => o.FlushInterval = TimeSpan.FromHours(1));
        services.Configure<ClarifyClientOptions>(o => o.EnableRateLimiting = false);
        ServiceProvider provider = services.BuildServiceProvider();

        ClarifyWriter writer = provider.GetRequiredService<ClarifyWriter>();
        Assert.Same(writer, provider.GetRequiredKeyedService<ClarifyWriter>(string.Empty));
        for (int i = 0; i < 25; i++)
        {
            await writer.WriteAsync("di/flow", Start.AddSeconds(i), i);
        }

        // The hour-long flush interval has not passed: only disposal can have sent the points.
        await provider.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, 25).Select(i => (double)i), emulator.GetSamples("di/flow").OrderBy(s => s.Key).Select(s => s.Value));
        Assert.Equal(ClarifyWriterStatus.Disposed, writer.Status);
    }

    [Fact]
    public async Task A_named_integration_gets_its_own_keyed_writer()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        var services = new ServiceCollection();
        services.AddClarify("plant-b", emulator.Options).AddWriter(o => o.MaxPendingPoints = 1234);
        await using ServiceProvider provider = services.BuildServiceProvider();

        ClarifyWriter writer = provider.GetRequiredKeyedService<ClarifyWriter>("plant-b");

        Assert.Equal(1234, Assert.IsType<ClarifyMemoryWriterStore>(writer.Store).MaxPendingPoints);
        Assert.Null(provider.GetService<ClarifyWriter>());
    }
}
