using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using WireMock;

namespace Clarify.Typed.Tests.Infrastructure;

/// <summary>A request as <see cref="FakeClarify"/> received it: what tests assert on and what scripted answers look at.</summary>
internal sealed class ReceivedRequest
{
    public ReceivedRequest(IRequestMessage message)
    {
        Method = message.Method;
        Path = message.AbsolutePath;
        Body = message.Body ?? string.Empty;
        Headers = (message.Headers ?? new Dictionary<string, WireMock.Types.WireMockList<string>>())
            .ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public string Method { get; }

    public string Path { get; }

    public string Body { get; }

    public IReadOnlyDictionary<string, string[]> Headers { get; }

    public string? Authorization => Headers.TryGetValue("Authorization", out string[]? values) ? values.FirstOrDefault() : null;

    /// <summary>The body parsed as a JSON object (a JSON-RPC request), fresh on every call.</summary>
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>The body parsed as a URL-encoded form (a token request).</summary>
    public IReadOnlyDictionary<string, string> Form => Body
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : string.Empty), StringComparer.Ordinal);
}
