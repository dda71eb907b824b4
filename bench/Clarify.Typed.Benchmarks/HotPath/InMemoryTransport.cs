using System;
using System.Buffers.Text;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Benchmarks.HotPath;

/// <summary>
/// A transport that answers at once without a socket: a token for the token endpoint, a small
/// JSON-RPC result otherwise. It reads every request body to its end, as a socket would, and
/// numbers its RPC answers 1, 2, 3... as a client numbers its requests, so a typed client that
/// checks ids can run over it (one caller at a time). With it, the only work left in a call is
/// the client's own, free of network noise.
/// </summary>
internal sealed class InMemoryTransport : HttpMessageHandler
{
    private static readonly byte[] TokenBody =
        """{"access_token":"loopback-benchmark-token","scope":"benchmark","expires_in":86400,"token_type":"Bearer"}"""u8.ToArray();

    private static readonly byte[] RpcStart = """{"jsonrpc":"2.0","id":"""u8.ToArray();

    private static readonly byte[] RpcEnd = ""","result":{"meta":{"total":0},"data":[]}}"""u8.ToArray();

    private long _rpcCalls;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        // Token requests are the only form posts; telling them apart by type costs nothing per call.
        if (request.Content is FormUrlEncodedContent)
        {
            return Answer(request, TokenBody);
        }

        if (request.Headers.Authorization is null)
        {
            return new HttpResponseMessage(HttpStatusCode.Unauthorized) { RequestMessage = request };
        }

        byte[] body = new byte[RpcStart.Length + 20 + RpcEnd.Length];
        RpcStart.CopyTo(body, 0);
        Utf8Formatter.TryFormat(Interlocked.Increment(ref _rpcCalls), body.AsSpan(RpcStart.Length), out int digits);
        RpcEnd.CopyTo(body, RpcStart.Length + digits);
        return Answer(request, body.AsMemory(0, RpcStart.Length + digits + RpcEnd.Length));
    }

    private static HttpResponseMessage Answer(HttpRequestMessage request, ReadOnlyMemory<byte> body) => new(HttpStatusCode.OK)
    {
        Content = new ReadOnlyMemoryContent(body) { Headers = { ContentType = new("application/json") } },
        RequestMessage = request,
    };
}
