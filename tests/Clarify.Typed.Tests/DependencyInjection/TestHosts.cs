using System;
using System.Threading.Tasks;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Tests.DependencyInjection;

/// <summary>Builds and starts hosts the way an application does, with nothing read from the machine.</summary>
internal static class TestHosts
{
    public static IHost Build(Action<IServiceCollection> configure, Action<ILoggingBuilder>? logging = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        logging?.Invoke(builder.Logging);
        configure(builder.Services);
        return builder.Build();
    }

    public static async Task<IHost> StartAsync(Action<IServiceCollection> configure, Action<ILoggingBuilder>? logging = null)
    {
        IHost host = Build(configure, logging);
        await host.StartAsync().Within();
        return host;
    }

    /// <summary>Calls in these tests must not wait for the client-side rate limiter.</summary>
    public static IServiceCollection WithoutRateLimits(this IServiceCollection services, string name = "") =>
        services.Configure<ClarifyClientOptions>(name, o => o.EnableRateLimiting = false);
}
