using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Benchmarks.HotPath;

/// <summary>
/// The hot-path call: <c>clarify.selectItems</c> for one item. The raw clients send the very
/// bytes <see cref="ClarifyClient"/> sends for it (recorded once), so every variant puts the
/// same request on the wire.
/// </summary>
internal static class SelectItemsRequest
{
    public static ResourceQuery Query { get; } = new() { Limit = 1 };

    public static byte[] Body { get; } = RecordClientBody();

    public static ClarifyClientOptions ClientOptions => new() { EnableRateLimiting = false };

    private static byte[] RecordClientBody()
    {
        var recorder = new RecordingTransport();
        var options = new ClarifyOptions(new Uri("https://api.clarify.io/v1/"), HotPathClients.IntegrationId, ClarifyCredential.BasicAuth("recorder", "recorder"));
        using var http = new HttpClient(recorder) { BaseAddress = options.ApiUrl };
        using var client = new ClarifyClient(http, options, ClientOptions);
        client.SelectItemsAsync(Query).GetAwaiter().GetResult();
        return recorder.Body ?? throw new InvalidOperationException("ClarifyClient sent no body for selectItems.");
    }

    private sealed class RecordingTransport : HttpMessageHandler
    {
        public byte[]? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = await request.Content!.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new ReadOnlyMemoryContent("""{"jsonrpc":"2.0","id":1,"result":{"meta":{"total":0},"data":[]}}"""u8.ToArray())
                {
                    Headers = { ContentType = new("application/json") },
                },
            };
        }
    }
}
