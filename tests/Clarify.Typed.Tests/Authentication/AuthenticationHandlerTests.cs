using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;

namespace Clarify.Typed.Tests.Authentication;

public sealed class AuthenticationHandlerTests : ClarifyServerTest
{
    private const string RpcBody = """{"jsonrpc":"2.0","method":"integration.insert","id":"1","params":{"integration":"c0jd1g6qnk1emp4tq2ag","data":{"times":["2026-01-01T00:00:00Z"],"series":{"a":[1.5]}}}}""";

    [Fact]
    public async Task Requests_carry_the_bearer_token_the_default_api_version_and_a_user_agent_naming_the_library()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        using HttpClient client = Pipeline.Create(Server.Options(), cache);

        using HttpResponseMessage response = await client.PostAsync("rpc", new StringContent(RpcBody, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = Assert.Single(Server.RpcRequests).Headers;
        Assert.Equal(FakeClarify.Bearer(1), headers["Authorization"].Single());
        Assert.Equal(ClarifyAuthenticationHandler.DefaultApiVersion, headers["X-API-Version"].Single());
        Assert.StartsWith("Clarify.Typed/0.1.0", headers["User-Agent"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_naming_its_api_version_keeps_it()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        using HttpClient client = Pipeline.Create(Server.Options(), cache);

        using var byHeader = new HttpRequestMessage(HttpMethod.Post, "rpc") { Content = new StringContent(RpcBody) };
        byHeader.Headers.Add("X-API-Version", "1.2alpha1");
        (await client.SendAsync(byHeader)).Dispose();

        Assert.Single(Server.RpcRequests);
        Assert.All(Server.RpcRequests, e => Assert.Equal("1.2alpha1", Assert.Single(e.Headers["X-API-Version"])));
    }

    [Fact]
    public async Task A_401_fetches_a_new_token_and_replays_a_streamed_POST_body_intact_once()
    {
        Server.AnswerRpc(request => request.Authorization == FakeClarify.Bearer(1)
            ? new FakeReply(401, """{"error":"token revoked"}""")
            : new FakeReply(200, """{"jsonrpc":"2.0","id":"1","result":{}}"""));
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        using HttpClient client = Pipeline.Create(Server.Options(), cache);

        // A stream can be read once only: the handler must buffer it for the replay.
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(RpcBody)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await client.PostAsync("rpc", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attempts = Server.RpcRequests.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.Equal(FakeClarify.Bearer(1), attempts[0].Headers["Authorization"].Single());
        Assert.Equal(FakeClarify.Bearer(2), attempts[1].Headers["Authorization"].Single());
        Assert.All(attempts, a => Assert.Equal(RpcBody, a.Body));
        Assert.All(attempts, a => Assert.Equal("1.1", Assert.Single(a.Headers["X-API-Version"])));
        Assert.Equal(2, cache.TokenRequestCount);
    }

    [Fact]
    public async Task A_401_replays_replayable_content_by_rendering_it_again_instead_of_buffering_it()
    {
        Server.AnswerRpc(request => request.Authorization == FakeClarify.Bearer(1)
            ? new FakeReply(401, "")
            : new FakeReply(200, """{"jsonrpc":"2.0","id":"1","result":{}}"""));
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        using HttpClient client = Pipeline.Create(Server.Options(), cache);
        using var content = new RenderedContent(RpcBody);

        using HttpResponseMessage response = await client.PostAsync("rpc", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(Server.RpcRequests, a => Assert.Equal(RpcBody, a.Body));
        // Buffered content is rendered once and copied; replayable content is rendered per send.
        Assert.Equal(2, content.Renders);
    }

    [Fact]
    public async Task A_request_sent_again_by_an_outer_retry_carries_each_clarify_header_once()
    {
        var transport = new RecordingHandler();
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        var handler = new ClarifyAuthenticationHandler(Server.Options(), cache) { InnerHandler = transport };
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.Options().ApiUrl, "rpc"));

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.Equal(2, transport.Headers.Count);
        Assert.All(transport.Headers, sent =>
        {
            Assert.Single(sent.Split('\n'), line => line.StartsWith("User-Agent:", StringComparison.Ordinal));
            Assert.Single(sent.Split('\n'), line => line.StartsWith("X-API-Version:", StringComparison.Ordinal));
        });
    }

    // An outer handler may send the same message again past IHttpClientFactory's inner logging
    // handler, which logs raw header values in its structured state: nothing added here may stay on it.
    [Theory]
    [InlineData(false, new[] { 200 }, false, 1, null)]
    [InlineData(false, new[] { 503 }, false, 1, null)]
    [InlineData(false, new[] { 401, 200 }, false, 2, null)]
    [InlineData(false, new[] { 401, 401 }, false, 2, typeof(ClarifyAuthenticationException))]
    [InlineData(false, new int[0], true, 1, typeof(HttpRequestException))]
    [InlineData(true, new[] { 200 }, false, 1, null)]
    [InlineData(true, new[] { 401 }, false, 1, typeof(ClarifyAuthenticationException))]
    [InlineData(true, new int[0], true, 1, typeof(HttpRequestException))]
    public async Task The_request_leaves_the_handler_as_it_came_in_whatever_the_outcome(bool basicAuth, int[] statuses, bool transportFails, int sends, Type? error)
    {
        var transport = new RecordingHandler(statuses) { Failure = transportFails ? new HttpRequestException("connection reset") : null };
        ClarifyOptions options = Server.Options(basicAuth ? ClarifyCredentialType.BasicAuth : ClarifyCredentialType.ClientCredentials);
        using ClarifyTokenCache? cache = basicAuth ? null : Server.CreateTokenCache(Time);
        using var invoker = new HttpMessageInvoker(new ClarifyAuthenticationHandler(options, cache) { InnerHandler = transport });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.ApiUrl, "rpc")) { Content = new StringContent(RpcBody) };
        request.Headers.Add("X-Correlation", "kept");
        string before = request.Headers.ToString();

        Exception? thrown = await Record.ExceptionAsync(async () => (await invoker.SendAsync(request, CancellationToken.None)).Dispose());

        Assert.Equal(error, thrown?.GetType());
        Assert.Equal(sends, transport.Requests.Count);
        Assert.All(transport.Requests, sent => Assert.StartsWith(basicAuth ? "Basic " : "Bearer ", sent.Authorization, StringComparison.Ordinal));
        Assert.Null(request.Headers.Authorization);
        Assert.Equal(before, request.Headers.ToString());
    }

    [Fact]
    public async Task A_callers_own_headers_are_restored_after_the_send()
    {
        var transport = new RecordingHandler();
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        using var invoker = new HttpMessageInvoker(new ClarifyAuthenticationHandler(Server.Options(), cache) { InnerHandler = transport });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.Options().ApiUrl, "rpc"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Custom", "placeholder");
        request.Headers.Add("X-API-Version", "1.2alpha1");
        request.Headers.Add("User-Agent", "MyApp/2.0");

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.Equal(FakeClarify.Bearer(1), Assert.Single(transport.Requests).Authorization);
        Assert.Equal("Custom placeholder", request.Headers.Authorization?.ToString());
        Assert.Equal("1.2alpha1", Assert.Single(request.Headers.GetValues("X-API-Version")));
        Assert.Equal("MyApp/2.0", Assert.Single(request.Headers.GetValues("User-Agent")));
    }

    /// <summary>Content that renders its body on every serialisation, like a streamed insert.</summary>
    private sealed class RenderedContent(string body) : HttpContent, IReplayableContent
    {
        private readonly byte[] _body = Encoding.UTF8.GetBytes(body);

        public int Renders { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            Renders++;
            await stream.WriteAsync(_body);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }

    [Fact]
    public async Task A_second_401_surfaces_as_a_typed_error_without_a_loop()
    {
        Server.AnswerRpc(_ => new FakeReply(401, "", WwwAuthenticate: """Bearer error="invalid_token", error_description="integration disabled"""));
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        using HttpClient client = Pipeline.Create(Server.Options(), cache);

        var error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => client.PostAsync("rpc", new StringContent(RpcBody)));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("invalid_token", error.Error);
        Assert.Equal("integration disabled", error.ErrorDescription);
        Assert.Contains("freshly fetched access token", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Server.RpcRequests.Count);
        Assert.Equal(2, cache.TokenRequestCount);
    }

    [Fact]
    public async Task Basic_auth_sends_the_credentials_as_HTTP_Basic_and_never_calls_the_token_endpoint()
    {
        ClarifyOptions options = Server.Options(ClarifyCredentialType.BasicAuth);
        using HttpClient client = Pipeline.Create(options, cache: null);

        for (int i = 0; i < 3; i++)
        {
            (await client.PostAsync("rpc", new StringContent(RpcBody))).Dispose();
        }

        string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(TestCredentials.ClientId + ":" + TestCredentials.ClientSecret));
        Assert.Equal(3, Server.RpcRequests.Count);
        Assert.All(Server.RpcRequests, e => Assert.Equal(expected, e.Headers["Authorization"].Single()));
        Assert.Empty(Server.TokenRequests);
    }

    [Fact]
    public async Task Basic_auth_rejected_with_401_is_a_typed_error_naming_the_credentials()
    {
        Server.AnswerRpc(_ => new FakeReply(401, ""));
        using HttpClient client = Pipeline.Create(Server.Options(ClarifyCredentialType.BasicAuth), cache: null);

        var error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => client.PostAsync("rpc", new StringContent(RpcBody)));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("basic-auth credentials", error.Message, StringComparison.Ordinal);
        Assert.Single(Server.RpcRequests);
    }

    [Fact]
    public async Task A_request_to_another_origin_is_refused_and_that_server_sees_nothing()
    {
        using var elsewhere = new FakeClarify();
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        using HttpClient client = Pipeline.Create(Server.Options(), cache);

        var error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => client.PostAsync(elsewhere.RpcUrl, new StringContent(RpcBody)));

        Assert.Contains("Refused to send Clarify credentials to " + elsewhere.ApiUrl.GetLeftPart(UriPartial.Authority), error.Message, StringComparison.Ordinal);
        Assert.Empty(elsewhere.RpcRequests);
        Assert.Empty(elsewhere.TokenRequests);
        Assert.Empty(Server.TokenRequests);
    }

    [Theory]
    [InlineData("http://api.example.com/v1/rpc", "plain http")]
    [InlineData("https://api.example.com/v1/rpc", "only to http://127.0.0.1")]
    [InlineData("https://127.0.0.1/v1/rpc", "only to http://127.0.0.1")]
    public async Task Requests_off_the_api_origin_never_reach_the_transport(string target, string expectedInMessage)
    {
        var transport = new RecordingHandler();
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        using HttpClient client = Pipeline.Create(Server.Options(), cache, transport);

        var error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => client.GetAsync(new Uri(target)));

        Assert.True(error.Message.Contains(expectedInMessage, StringComparison.Ordinal), error.Message);
        Assert.Empty(transport.Requests);
        Assert.Equal(0, cache.TokenRequestCount);
    }

    [Theory]
    [InlineData("{origin}@api.example.com/v1/rpc")]
    [InlineData("{origin}#@api.example.com/v1/rpc")]
    public async Task Targets_that_start_like_the_api_origin_but_name_another_host_are_refused(string template)
    {
        var transport = new RecordingHandler();
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        using HttpClient client = Pipeline.Create(Server.Options(), cache, transport);
        var target = new Uri(template.Replace("{origin}", Server.Options().ApiUrl.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal));

        if (target.Host == Server.Options().ApiUrl.Host)
        {
            // The URI parser itself read the api host here; then the request may go there.
            using HttpResponseMessage allowed = await client.GetAsync(target);
            Assert.Single(transport.Requests);
            return;
        }

        await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => client.GetAsync(target));
        Assert.Empty(transport.Requests);
    }

    [Fact]
    public void Client_credentials_without_a_token_cache_are_refused_with_a_clear_error()
    {
        var error = Assert.Throws<ClarifyConfigurationException>(() => new ClarifyAuthenticationHandler(Server.Options(), tokenCache: null));

        Assert.Contains("ClarifyTokenCache.Create", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_with_the_same_credentials_share_one_cache_and_one_token()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        var named = new ClarifyOptions(Server.ApiUrl, TestCredentials.IntegrationId, Server.Options().Credential, name: "Plant A");
        using HttpClient first = Pipeline.Create(Server.Options(), cache);
        using HttpClient second = Pipeline.Create(named, cache);

        (await first.PostAsync("rpc", new StringContent(RpcBody))).Dispose();
        (await second.PostAsync("rpc", new StringContent(RpcBody))).Dispose();

        Assert.Equal(2, Server.RpcRequests.Count);
        Assert.Single(Server.TokenRequests);
    }

    [Fact]
    public void A_token_cache_for_other_credentials_is_refused()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        var other = new ClarifyOptions(Server.ApiUrl, TestCredentials.IntegrationId, ClarifyCredential.ClientCredentials("another-client", "another-secret"));

        var error = Assert.Throws<ClarifyConfigurationException>(() => new ClarifyAuthenticationHandler(other, cache));

        Assert.Contains("give each credentials its own cache", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("another-secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.ClientSecret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_request_while_the_token_is_fetched_leaves_other_requests_to_complete()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time);
        using HttpClient client = Pipeline.Create(Server.Options(), cache);
        TaskCompletionSource gate = Server.HoldTokens();
        using var impatient = new CancellationTokenSource();

        Task<HttpResponseMessage> cancelled = client.PostAsync("rpc", new StringContent(RpcBody), impatient.Token);
        Task<HttpResponseMessage> patient = client.PostAsync("rpc", new StringContent(RpcBody));
        await Server.TokenRequestArrived.Within();
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Within());

        gate.SetResult();
        using HttpResponseMessage response = await patient.Within();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Server.RpcRequests);
        Assert.Equal(1, cache.TokenRequestCount);
    }
}
