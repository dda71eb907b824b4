using System;
using Microsoft.Extensions.Time.Testing;

namespace Clarify.Typed.Tests.Authentication;

/// <summary>A test with its own fake Clarify server and a clock that only moves when told.</summary>
public abstract class ClarifyServerTest : IDisposable
{
    internal FakeClarify Server { get; } = new();

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        Server.Dispose();
        GC.SuppressFinalize(this);
    }
}
