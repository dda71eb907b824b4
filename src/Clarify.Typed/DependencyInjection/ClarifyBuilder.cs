using System.Net.Http;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clarify.Typed.DependencyInjection;

internal sealed class ClarifyBuilder(IServiceCollection services, string name, IHttpClientBuilder httpClient) : IClarifyBuilder
{
    /// <summary>The registration name of the default integration, as in <c>Options.DefaultName</c>.</summary>
    public const string DefaultName = "";

    public string Name { get; } = name;

    public IServiceCollection Services { get; } = services;

    public IHttpClientBuilder HttpClient { get; } = httpClient;

    public IClarifyBuilder AddApi<TApi>(JsonSerializerContext? jsonContext = null)
        where TApi : class
    {
        string clientName = new ClarifyRegistration(Name).ApiClientName;
        Services.AddKeyedTransient(Name, (sp, _) =>
            ClarifyHttpPipeline.CreateApi<TApi>(sp.GetRequiredService<IHttpClientFactory>().CreateClient(clientName), jsonContext));
        if (Name == DefaultName)
        {
            Services.TryAddTransient(static sp => sp.GetRequiredKeyedService<TApi>(DefaultName));
        }

        return this;
    }
}
