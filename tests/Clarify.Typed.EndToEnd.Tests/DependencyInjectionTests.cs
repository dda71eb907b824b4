using System.Collections.Generic;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.DependencyInjection;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.EndToEnd.Tests;

/// <summary>The client as an application gets it: from <c>services.AddClarify(options)</c>.</summary>
public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task A_client_resolved_from_the_container_authenticates_once_and_calls_the_emulator()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        var services = new ServiceCollection();
        services.AddClarify(emulator.Options);
        services.Configure<ClarifyClientOptions>(o => o.EnableRateLimiting = false);
        await using ServiceProvider provider = services.BuildServiceProvider();

        ClarifyClient client = provider.GetRequiredService<ClarifyClient>();
        SaveSignalsResult saved = await client.SaveSignalsAsync(new Dictionary<string, SignalSave> { ["di"] = new() { Name = "From DI" } });
        Selection<List<Resource<SignalAttributes>>> selected = await provider.GetRequiredService<ClarifyClient>().SelectSignalsAsync();

        Assert.Same(client, provider.GetRequiredService<ClarifyClient>());
        Resource<SignalAttributes> signal = Assert.Single(selected.Data!);
        Assert.Equal(saved.SignalsByInput["di"].Id, signal.Id);
        Assert.Equal("From DI", signal.Attributes!.Name);
        Assert.Equal(1, emulator.TokenRequestCount);
        Assert.Equal(2, emulator.RpcRequestCount);
    }
}
