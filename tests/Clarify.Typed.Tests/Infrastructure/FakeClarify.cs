using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.Logging;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Clarify.Typed.Tests.Infrastructure;

/// <summary>
/// The unit tests' stand-in for Clarify: a WireMock server on 127.0.0.1, on a port the operating
/// system picks. <c>/v1/oauth/token</c> issues tokens numbered per client id (<see cref="Token"/>)
/// unless told to answer otherwise or held back; <c>/v1/rpc</c> answers an empty selection that
/// echoes the request id unless scripted; <c>/v1/status</c> answers a small JSON document, for
/// user-declared interfaces. Every request is kept, in arrival order.
/// </summary>
internal sealed class FakeClarify : IDisposable
{
    private const string TokenPath = "/v1/oauth/token";
    private const string RpcPath = "/v1/rpc";
    private const string StatusPath = "/v1/status";

    /// <summary>The usual RPC answer; it names the method called, so a user-declared interface can check what it sent.</summary>
    private static readonly Func<ReceivedRequest, FakeReply> EmptySelection = Result(call =>
        new JsonObject { ["meta"] = new JsonObject { ["total"] = 0 }, ["data"] = new JsonArray(), ["method"] = call["method"]?.DeepClone() }.ToJsonString());

    private readonly WireMockServer _server;
    private readonly HttpClient _unauthenticated;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly ConcurrentQueue<int> _scriptedRpcStatuses = new();
    private readonly TaskCompletionSource _tokenRequestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _tokens = new();
    private readonly Dictionary<string, int> _tokensIssuedByClient = new(StringComparer.Ordinal);
    private readonly List<string> _issuedTokens = [];
    private int _tokenLifetimeSeconds = 3600;
    private FakeReply? _tokenAnswer;
    private volatile Func<ReceivedRequest, FakeReply> _rpcAnswer;
    private volatile TaskCompletionSource? _tokenGate;

    /// <param name="answerRpc">How <c>/v1/rpc</c> answers (see <see cref="AnswerRpc"/>); an empty selection when null.</param>
    public FakeClarify(Func<ReceivedRequest, FakeReply>? answerRpc = null)
    {
        _rpcAnswer = answerRpc ?? EmptySelection;

        // Port 0: the OS picks a free port as it binds, so parallel tests never race for one.
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(AnswerTokenAsync));
        _server.Given(Request.Create().WithPath(RpcPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(AnswerRpcRequest));
        _server.Given(Request.Create().WithPath(StatusPath).UsingGet())
            .RespondWith(Response.Create().WithCallback(request => Answer(request, new FakeReply(200, """{"status":"ok"}"""))));
        _server.Given(Request.Create().WithPath("/*")).AtPriority(int.MaxValue)
            .RespondWith(Response.Create().WithCallback(request => Answer(request, new FakeReply(404, string.Empty))));
        _unauthenticated = new HttpClient { BaseAddress = ApiUrl };
    }

    public Uri ApiUrl => new($"http://127.0.0.1:{_server.Port}/v1/");

    public Uri RpcUrl => new(ApiUrl, "rpc");

    /// <summary>Every request that reached the server, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public IReadOnlyList<ReceivedRequest> TokenRequests => [.. _requests.Where(r => r.Path == TokenPath)];

    /// <summary>Every request but the token requests: RPC calls, user-declared interfaces and anything else.</summary>
    public IReadOnlyList<ReceivedRequest> ApiRequests => [.. _requests.Where(r => r.Path != TokenPath)];

    /// <summary>Path and Authorization header of each of <see cref="ApiRequests"/>: which credential reached where.</summary>
    public IReadOnlyList<(string Path, string? Authorization)> ApiAuthorizations => [.. ApiRequests.Select(r => (r.Path, r.Authorization))];

    public IReadOnlyList<ReceivedRequest> RpcRequests => [.. _requests.Where(r => r.Path == RpcPath)];

    /// <summary>Every token handed out, to search logs, tags and messages for.</summary>
    public IReadOnlyList<string> IssuedTokens
    {
        get
        {
            lock (_tokens)
            {
                return [.. _issuedTokens];
            }
        }
    }

    /// <summary>Completes when the first token request arrives, before any <see cref="HoldTokens"/> gate.</summary>
    public Task TokenRequestArrived => _tokenRequestArrived.Task;

    /// <summary>The <paramref name="n"/>th token the endpoint issues to <paramref name="clientId"/>.</summary>
    public static string Token(int n, string clientId = TestCredentials.ClientId) => $"tok-{clientId}-{n}-Qx81";

    public static string Bearer(int n, string clientId = TestCredentials.ClientId) => "Bearer " + Token(n, clientId);

    /// <summary>Answers a JSON-RPC request with this result, echoing its id.</summary>
    public static Func<ReceivedRequest, FakeReply> Result(string resultJson) => Result(_ => resultJson);

    /// <summary>Answers a JSON-RPC request with the result computed from it, echoing its id.</summary>
    public static Func<ReceivedRequest, FakeReply> Result(Func<JsonObject, string> resultJson) =>
        request =>
        {
            JsonObject call = request.Json;
            return new FakeReply(200, Envelope(call, "result", resultJson(call)));
        };

    /// <summary>Answers a JSON-RPC request with this error, echoing its id.</summary>
    public static Func<ReceivedRequest, FakeReply> Error(string errorJson) =>
        request => new FakeReply(200, Envelope(request.Json, "error", errorJson));

    public ClarifyOptions Options(ClarifyCredentialType type = ClarifyCredentialType.ClientCredentials) =>
        new(
            ApiUrl,
            TestCredentials.IntegrationId,
            type == ClarifyCredentialType.BasicAuth
                ? ClarifyCredential.BasicAuth(TestCredentials.ClientId, TestCredentials.ClientSecret)
                : ClarifyCredential.ClientCredentials(TestCredentials.ClientId, TestCredentials.ClientSecret),
            "Main");

    public ClarifyOptions OtherOptions() =>
        new(ApiUrl, TestCredentials.OtherIntegrationId, ClarifyCredential.ClientCredentials(TestCredentials.OtherClientId, TestCredentials.OtherClientSecret), "Other");

    /// <summary>A token cache for <see cref="Options"/>, on the given clock.</summary>
    public ClarifyTokenCache CreateTokenCache(TimeProvider time, ClarifyTokenCacheOptions? cacheOptions = null, ILoggerFactory? logs = null) =>
        ClarifyTokenCache.Create(Options(), timeProvider: time, loggerFactory: logs, cacheOptions: cacheOptions);

    /// <summary>
    /// A client that posts straight to <c>/v1/rpc</c>, without the authentication handler, so a test
    /// sees the RPC layer alone; rate limiting is off unless <paramref name="clientOptions"/> say otherwise.
    /// </summary>
    public ClarifyClient CreateRpcClient(ClarifyClientOptions? clientOptions = null, TimeProvider? timeProvider = null) =>
        new(_unauthenticated, Options(), clientOptions ?? new ClarifyClientOptions { EnableRateLimiting = false }, timeProvider);

    /// <summary>From now on token requests wait until the returned gate is opened.</summary>
    public TaskCompletionSource HoldTokens()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tokenGate = gate;
        return gate;
    }

    /// <summary>From now on every token request gets this answer, and no token is issued.</summary>
    public void AnswerTokens(FakeReply reply)
    {
        lock (_tokens)
        {
            _tokenAnswer = reply;
        }
    }

    /// <summary>From now on token requests get the next token of their client again, valid this long.</summary>
    public void IssueTokens(int lifetimeSeconds = 3600)
    {
        lock (_tokens)
        {
            (_tokenAnswer, _tokenLifetimeSeconds) = (null, lifetimeSeconds);
        }
    }

    /// <summary>From now on <c>/v1/rpc</c> answers what this function makes of each request.</summary>
    public void AnswerRpc(Func<ReceivedRequest, FakeReply> reply) => _rpcAnswer = reply;

    /// <summary>The next RPC requests get these statuses (with an empty JSON body), in order; then the usual answer again.</summary>
    public void ScriptRpcStatuses(params int[] statuses)
    {
        foreach (int status in statuses)
        {
            _scriptedRpcStatuses.Enqueue(status);
        }
    }

    public void Dispose()
    {
        _tokenGate?.TrySetResult();
        _unauthenticated.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    private static string Envelope(JsonObject call, string member, string json) =>
        new JsonObject { ["jsonrpc"] = "2.0", ["id"] = call["id"]?.DeepClone(), [member] = JsonNode.Parse(json) }.ToJsonString();

    private async Task<IResponseMessage> AnswerTokenAsync(IRequestMessage message)
    {
        var request = new ReceivedRequest(message);
        _requests.Enqueue(request);
        _tokenRequestArrived.TrySetResult();
        if (_tokenGate is { } gate)
        {
            await gate.Task;
        }

        lock (_tokens)
        {
            if (_tokenAnswer is { } answer)
            {
                return ToMessage(answer);
            }

            string clientId = request.Form.GetValueOrDefault("client_id", "?");
            int n = _tokensIssuedByClient.GetValueOrDefault(clientId) + 1;
            _tokensIssuedByClient[clientId] = n;
            _issuedTokens.Add(Token(n, clientId));
            return ToMessage(new FakeReply(200, $$"""{"access_token":"{{Token(n, clientId)}}","scope":"clarify.read,clarify.write","expires_in":{{_tokenLifetimeSeconds}},"token_type":"Bearer"}"""));
        }
    }

    private ResponseMessage AnswerRpcRequest(IRequestMessage message)
    {
        var request = new ReceivedRequest(message);
        _requests.Enqueue(request);
        return ToMessage(_scriptedRpcStatuses.TryDequeue(out int status) ? new FakeReply(status, "{}") : _rpcAnswer(request));
    }

    private ResponseMessage Answer(IRequestMessage message, FakeReply reply)
    {
        _requests.Enqueue(new ReceivedRequest(message));
        return ToMessage(reply);
    }

    private static ResponseMessage ToMessage(FakeReply reply)
    {
        var message = new ResponseMessage
        {
            StatusCode = reply.Status,
            BodyData = new BodyData { BodyAsString = reply.Body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        message.AddHeader("Content-Type", reply.Body.StartsWith('{') ? "application/json" : "text/html");
        if (reply.RetryAfter is not null)
        {
            message.AddHeader("Retry-After", reply.RetryAfter);
        }

        if (reply.WwwAuthenticate is not null)
        {
            message.AddHeader("WWW-Authenticate", reply.WwwAuthenticate);
        }

        return message;
    }
}
