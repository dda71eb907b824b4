using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Tests.DependencyInjection;

/// <summary><see cref="ClarifyClient.Create"/>: the same pipeline without dependency injection.</summary>
public sealed class StandaloneClientTests : IDisposable
{
    private static readonly ClarifyClientOptions NoRateLimits = new() { EnableRateLimiting = false };

    private readonly FakeClarify _clarify = new();

    public void Dispose() => _clarify.Dispose();

    [Fact]
    public async Task The_client_and_its_user_interfaces_share_one_token()
    {
        using ClarifyClient client = ClarifyClient.Create(_clarify.Options(), NoRateLimits);
        IUserRpcApi user = client.CreateApi<IUserRpcApi>(UserJsonContext.Default);
        IStatusApi status = client.CreateApi<IStatusApi>();

        await client.SelectItemsAsync().Within();
        JsonRpcResponse<UserSelection> answer = await user.CallAsync(new JsonRpcRequest<UserParams>(7, "admin.customMethod", new UserParams())).Within();
        await status.GetStatusAsync().Within();

        Assert.Equal("admin.customMethod", answer.Result?.Method);
        Assert.Single(_clarify.TokenRequests);
        string bearer = FakeClarify.Bearer(1);
        Assert.Equal([("/v1/rpc", bearer), ("/v1/rpc", bearer), ("/v1/status", bearer)], _clarify.ApiAuthorizations);
    }

    [Fact]
    public async Task Token_requests_go_through_the_given_primary_handler_too()
    {
        var transport = new TrackingHandler();
        using ClarifyClient client = ClarifyClient.Create(_clarify.Options(), NoRateLimits, primaryHandler: transport);

        await client.SelectItemsAsync().Within();

        Assert.Equal(["/v1/oauth/token", "/v1/rpc"], transport.Paths);
    }

    [Fact]
    public async Task Disposing_the_client_releases_its_pipeline()
    {
        var transport = new TrackingHandler();
        ClarifyClient client = ClarifyClient.Create(_clarify.Options(), NoRateLimits, primaryHandler: transport);
        IStatusApi status = client.CreateApi<IStatusApi>();
        await status.GetStatusAsync().Within();

        client.Dispose();

        Assert.True(transport.Disposed);
        await Assert.ThrowsAnyAsync<Exception>(() => status.GetStatusAsync().Within());
        Assert.Single(_clarify.ApiRequests);
    }

    [Fact]
    public void Invalid_client_options_fail_creation_and_leave_nothing_open()
    {
        var transport = new TrackingHandler();

        Assert.Throws<ClarifyConfigurationException>(() => ClarifyClient.Create(_clarify.Options(), new ClarifyClientOptions { PageSize = 0 }, primaryHandler: transport));

        Assert.True(transport.Disposed);
    }

    /// <summary>A real socket transport that remembers the paths it sent and whether it was disposed.</summary>
    private sealed class TrackingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly ConcurrentQueue<string> _paths = new();

        public string[] Paths => [.. _paths];

        public bool Disposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _paths.Enqueue(request.RequestUri!.AbsolutePath);
            return base.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
