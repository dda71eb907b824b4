using System.Collections.Generic;
using System.Linq;

namespace Clarify.Typed;

/// <summary>A data frame breaks a rule Clarify enforces; nothing was sent. The message says what to fix.</summary>
public sealed class ClarifyDataFrameException : ClarifyException
{
    /// <summary>Creates the exception from the problems found.</summary>
    public ClarifyDataFrameException(IReadOnlyList<string> problems)
        : base(problems.Count == 1
            ? "The data frame is invalid: " + problems[0]
            : "The data frame is invalid:" + string.Concat(problems.Select(p => System.Environment.NewLine + " - " + p)))
    {
        Problems = problems;
    }

    /// <summary>Each problem found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
