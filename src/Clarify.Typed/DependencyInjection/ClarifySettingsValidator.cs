using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace Clarify.Typed.DependencyInjection;

/// <summary>Fails options validation (and so, with <c>ValidateOnStart</c>, host start) with the generator's messages.</summary>
internal sealed class ClarifySettingsValidator : IValidateOptions<ClarifySettings>
{
    public ValidateOptionsResult Validate(string? name, ClarifySettings options)
    {
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>(problems.Count);
        foreach (string problem in problems)
        {
            failures.Add(Failure(name, problem));
        }

        return ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A problem of one integration's options, prefixed with the integration it belongs to.</summary>
    internal static string Failure(string? name, string problem) =>
        string.IsNullOrEmpty(name) ? "Clarify: " + problem : $"Clarify integration '{name}': {problem}";
}
