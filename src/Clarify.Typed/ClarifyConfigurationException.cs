using System;
using System.Collections.Generic;
using System.Linq;

namespace Clarify.Typed;

/// <summary>
/// Clarify options or credentials are not usable. The message lists every problem and what to
/// fix; it never contains a secret.
/// </summary>
public sealed class ClarifyConfigurationException : ClarifyException
{
    /// <summary>Creates the exception from the problems found.</summary>
    public ClarifyConfigurationException(IReadOnlyList<string> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception for a single problem.</summary>
    public ClarifyConfigurationException(string problem)
        : this([problem])
    {
    }

    /// <summary>Creates the exception for a single problem caused by another exception.</summary>
    public ClarifyConfigurationException(string problem, Exception innerException)
        : base(Describe([problem]), innerException)
    {
        Problems = [problem];
    }

    /// <summary>Each problem found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Throws one exception listing every problem of the options, when they have any.</summary>
    internal static void ThrowIfInvalid(IClarifyOptionsRules options)
    {
        IReadOnlyList<string> problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ClarifyConfigurationException(problems);
        }
    }

    private static string Describe(IReadOnlyList<string> problems) => problems.Count switch
    {
        0 => "The Clarify configuration is invalid.",
        1 => "The Clarify configuration is invalid: " + problems[0],
        _ => "The Clarify configuration is invalid:" + string.Concat(problems.Select(p => Environment.NewLine + " - " + p)),
    };
}
