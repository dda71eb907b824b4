using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Clarify.Typed.DependencyInjection;

/// <summary>Configures one registered Clarify integration.</summary>
public interface IClarifyBuilder
{
    /// <summary>The integration's registration name; <c>""</c> for the default integration.</summary>
    string Name { get; }

    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// The authenticated HTTP client shared by <see cref="ClarifyClient"/> and every interface added
    /// with <see cref="AddApi{TApi}"/>. Add resilience or other handlers here: the Clarify
    /// authentication handler always runs innermost, after them, so a retry re-enters it and
    /// carries the current token.
    /// </summary>
    IHttpClientBuilder HttpClient { get; }

    /// <summary>
    /// Registers a user-declared Refit interface whose paths are relative to the api URL
    /// (e.g. <c>[Post("/rpc")]</c>), on the same base address, authentication handler and token
    /// cache as <see cref="ClarifyClient"/>. Resolve it directly for the default integration, or
    /// keyed by <see cref="Name"/>.
    /// </summary>
    /// <typeparam name="TApi">A Refit interface; Refit's source generator implements it in your project.</typeparam>
    /// <param name="jsonContext">
    /// A source-generated context for the interface's request and response types (trim- and AOT-safe).
    /// Without one, Refit's reflection-based System.Text.Json serializer is used.
    /// </param>
    /// <returns>This builder.</returns>
    IClarifyBuilder AddApi<TApi>(JsonSerializerContext? jsonContext = null)
        where TApi : class;
}
