using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Benchmarks.Loopback;

namespace Clarify.Typed.Benchmarks.Inserts;

/// <summary>
/// A transport that streams each request body into a <see cref="CountingStream"/> (as a socket
/// would take it, minus the socket) and answers the insert with the request's id.
/// </summary>
internal sealed class DiscardingTransport : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public long BytesReceived { get; private set; }

    public int Requests { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sink = new CountingStream(JsonRpcEnvelopeStart.PrefixBytes);
        await request.Content!.CopyToAsync(sink, cancellationToken).ConfigureAwait(false);
        BytesReceived += sink.Length;
        Requests++;
        (string? id, _) = JsonRpcEnvelopeStart.Read(sink.Prefix);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":""" + (id ?? "null") + ""","result":{"signalsByInput":{}}}"""));
        content.Headers.ContentType = Json;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
