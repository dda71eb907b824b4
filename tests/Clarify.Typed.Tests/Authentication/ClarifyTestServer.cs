using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Microsoft.Extensions.Time.Testing;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Clarify.Typed.Tests.Authentication;

/// <summary>One answer of the fake token endpoint or API.</summary>
internal sealed record ServerReply(int Status, string Body, string? RetryAfter = null, string? WwwAuthenticate = null);

/// <summary>
/// A WireMock server on 127.0.0.1 standing in for Clarify: <c>/v1/oauth/token</c> issues
/// numbered tokens (<c>tok-1-…</c>, <c>tok-2-…</c>) unless told otherwise, <c>/v1/rpc</c>
/// answers 200 unless told otherwise. Token answers can be held back by a gate.
/// </summary>
internal sealed class ClarifyTestServer : IDisposable
{
    public const string IntegrationId = "c0jd1g6qnk1emp4tq2ag";
    public const string ClientId = "client-id-4711";
    public const string ClientSecret = "s3cr3t-Very-Private-Value-0451";

    private readonly WireMockServer _server;
    private readonly TaskCompletionSource _tokenRequestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _tokensIssued;
    private volatile Func<int, ServerReply> _tokenReply;
    private volatile Func<string?, ServerReply> _rpcReply = _ => new ServerReply(200, """{"jsonrpc":"2.0","id":"1","result":{}}""");
    private volatile TaskCompletionSource? _tokenGate;

    public ClarifyTestServer(int lifetimeSeconds = 3600)
    {
        _tokenReply = n => GoodToken(n, lifetimeSeconds);
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] });
        _server.Given(Request.Create().WithPath("/v1/oauth/token").UsingPost())
            .RespondWith(Response.Create().WithCallback(AnswerTokenRequestAsync));
        _server.Given(Request.Create().WithPath("/v1/rpc"))
            .RespondWith(Response.Create().WithCallback(request =>
                ToMessage(_rpcReply(request.Headers?.TryGetValue("Authorization", out var values) == true ? values.FirstOrDefault() : null))));
    }

    public Uri ApiUrl => new($"http://127.0.0.1:{_server.Port}/v1/");

    public Uri RpcUrl => new(ApiUrl, "rpc");

    /// <summary>Every token the endpoint handed out, to search logs and messages for.</summary>
    public List<string> IssuedTokens { get; } = [];

    public IEnumerable<ILogEntry> TokenRequests => _server.LogEntries.Where(e => e.RequestMessage.AbsolutePath == "/v1/oauth/token");

    public IEnumerable<ILogEntry> RpcRequests => _server.LogEntries.Where(e => e.RequestMessage.AbsolutePath == "/v1/rpc");

    public Task TokenRequestArrived => _tokenRequestArrived.Task;

    public static string TokenValue(int n) => $"tok-{n}-Zq8xW3vR";

    public static ServerReply GoodToken(int n, int lifetimeSeconds = 3600) =>
        new(200, $$"""{"access_token":"{{TokenValue(n)}}","scope":"clarify.read,clarify.write","expires_in":{{lifetimeSeconds}},"token_type":"Bearer"}""");

    public ClarifyOptions Options(ClarifyCredentialType type = ClarifyCredentialType.ClientCredentials) =>
        new(ApiUrl, IntegrationId, type == ClarifyCredentialType.BasicAuth ? ClarifyCredential.BasicAuth(ClientId, ClientSecret) : ClarifyCredential.ClientCredentials(ClientId, ClientSecret));

    public ClarifyTokenCache CreateCache(FakeTimeProvider time, ClarifyTokenCacheOptions? cacheOptions = null, CapturingLoggerFactory? logs = null) =>
        ClarifyTokenCache.Create(Options(), timeProvider: time, loggerFactory: logs, cacheOptions: cacheOptions);

    /// <summary>From now on token requests wait until the returned gate is opened.</summary>
    public TaskCompletionSource HoldTokens()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tokenGate = gate;
        return gate;
    }

    /// <summary>Changes how the token endpoint answers; the number counts tokens issued so far plus one.</summary>
    public void AnswerTokens(Func<int, ServerReply> reply) => _tokenReply = reply;

    public void AnswerTokens(ServerReply reply) => _tokenReply = _ => reply;

    public void AnswerRpc(Func<string?, ServerReply> reply) => _rpcReply = reply;

    public void Dispose()
    {
        _tokenGate?.TrySetResult();
        _server.Stop();
        _server.Dispose();
    }

    private async Task<IResponseMessage> AnswerTokenRequestAsync(IRequestMessage request)
    {
        _tokenRequestArrived.TrySetResult();
        if (_tokenGate is { } gate)
        {
            await gate.Task;
        }

        lock (IssuedTokens)
        {
            ServerReply reply = _tokenReply(_tokensIssued + 1);
            if (reply.Status == 200 && reply.Body.Contains(TokenValue(_tokensIssued + 1), StringComparison.Ordinal))
            {
                _tokensIssued++;
                IssuedTokens.Add(TokenValue(_tokensIssued));
            }

            return ToMessage(reply);
        }
    }

    private static ResponseMessage ToMessage(ServerReply reply)
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

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
