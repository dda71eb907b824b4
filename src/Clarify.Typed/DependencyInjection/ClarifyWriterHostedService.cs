using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Clarify.Typed.DependencyInjection;

/// <summary>
/// Starts every registered <see cref="ClarifyWriter"/> with the host (so a durable store resends what
/// the last run left before anything asks for the writer) and flushes them when it stops.
/// </summary>
/// <remarks>
/// The flush runs in <see cref="StoppedAsync"/>, after every hosted service's <c>StopAsync</c>: a
/// worker that writes its last points while it stops gets them sent, whatever order the services
/// were registered in. It is bounded by each writer's <see cref="ClarifyWriterOptions.DisposeTimeout"/>
/// and by the host's shutdown token; what is not acknowledged then stays in the store and is logged,
/// never dropped. The container's disposal flushes a writer the host did not stop (no host, or a
/// host without lifecycle services).
/// </remarks>
internal sealed class ClarifyWriterHostedService(IServiceProvider services, IEnumerable<ClarifyWriterRegistration> registrations) : IHostedLifecycleService
{
    private readonly string[] _names = registrations.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToArray();

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (string name in _names)
        {
            services.GetRequiredKeyedService<ClarifyWriter>(name);
        }

        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_names.Select(name => services.GetRequiredKeyedService<ClarifyWriter>(name).DisposeAsync(cancellationToken).AsTask()));
}
