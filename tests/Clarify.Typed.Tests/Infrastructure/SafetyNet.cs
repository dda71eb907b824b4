using System;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Tests.Infrastructure;

/// <summary>
/// The unit tests' one guard against hangs: a broken test fails after it instead of hanging the
/// run. Generous, so a loaded machine never trips it; never used to wait for behaviour.
/// </summary>
internal static class SafetyNet
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>A token cancelled after <see cref="Timeout"/>, for calls that take one.</summary>
    public static CancellationToken Token => new CancellationTokenSource(Timeout).Token;

    public static Task Within(this Task task) => task.WaitAsync(Timeout);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Timeout);
}
