using Microsoft.Extensions.Options;

namespace Clarify.Typed.DependencyInjection;

/// <summary>
/// Fails options validation (and so, with <c>ValidateOnStart</c>, host start) with every problem
/// of one integration's options at once, each prefixed with the integration it belongs to, since a
/// host may register several. A bad credential, page size or back-off stops the host instead of
/// failing the first call.
/// </summary>
internal sealed class ClarifyOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class, IClarifyOptionsRules
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        foreach (string problem in options.Problems())
        {
            result.AddError(string.IsNullOrEmpty(name) ? "Clarify: " + problem : $"Clarify integration '{name}': {problem}");
        }

        return result.Build();
    }
}
