namespace Clarify.Typed.Tests.Infrastructure;

/// <summary>
/// One answer of <see cref="FakeClarify"/>: sent as <c>application/json</c> when the body starts
/// with <c>{</c>, as <c>text/html</c> otherwise (an error page from a proxy or gateway).
/// </summary>
internal sealed record FakeReply(int Status, string Body, string? RetryAfter = null, string? WwwAuthenticate = null);
