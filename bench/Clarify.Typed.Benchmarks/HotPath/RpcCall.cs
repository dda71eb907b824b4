using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace Clarify.Typed.Benchmarks.HotPath;

/// <summary>
/// One JSON-RPC call at the HTTP level, the same for every client under test so that only
/// the handlers in their pipelines differ: a fixed body, the response read to its end into a
/// reused buffer (the least any client must do).
/// </summary>
internal sealed class RpcCall(Uri rpcUrl, byte[] body)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly byte[] _buffer = new byte[16 * 1024];

    public Uri RpcUrl { get; } = rpcUrl;

    public async Task<int> SendAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RpcUrl) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = Json;
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        int total = 0;
        int read;
        while ((read = await stream.ReadAsync(_buffer).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total;
    }
}
