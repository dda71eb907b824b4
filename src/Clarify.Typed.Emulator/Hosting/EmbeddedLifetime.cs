using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Clarify.Typed.Emulator.Hosting;

/// <summary>
/// Replaces the console lifetime: an emulator inside a test process must not take over
/// Ctrl+C or SIGTERM. The standalone program handles signals itself.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
