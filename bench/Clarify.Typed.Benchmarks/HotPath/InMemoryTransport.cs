using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Benchmarks.HotPath;

/// <summary>
/// A transport that answers at once without a socket: a token for the token endpoint, a fixed
/// JSON-RPC result otherwise. With it, the only work left in a call is the client's own, so the
/// auth layer's cost shows without network noise.
/// </summary>
internal sealed class InMemoryTransport : HttpMessageHandler
{
    private static readonly byte[] TokenBody =
        """{"access_token":"loopback-benchmark-token","scope":"benchmark","expires_in":86400,"token_type":"Bearer"}"""u8.ToArray();

    private static readonly byte[] RpcBody = """{"jsonrpc":"2.0","id":1,"result":{"meta":{"total":0},"data":[]}}"""u8.ToArray();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Token requests are the only form posts; telling them apart by type costs nothing per call.
        bool token = request.Content is FormUrlEncodedContent;
        if (!token && request.Headers.Authorization is null)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized) { RequestMessage = request });
        }

        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ReadOnlyMemoryContent(token ? TokenBody : RpcBody),
            RequestMessage = request,
        });
    }
}
