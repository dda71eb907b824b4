using System;
using System.Threading;

namespace Clarify.Typed.Tests.Rpc;

/// <summary>A generous timeout so a broken test fails instead of hanging; never used to wait for behaviour.</summary>
internal static class SafetyNet
{
    public static CancellationToken Token => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;
}
