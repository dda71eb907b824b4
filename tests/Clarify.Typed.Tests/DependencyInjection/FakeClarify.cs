using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Clarify.Typed.Tests.DependencyInjection;

/// <summary>
/// A WireMock server on 127.0.0.1 standing in for Clarify behind DI: <c>/v1/oauth/token</c>
/// issues tokens numbered per client id (<c>tok-{clientId}-{n}</c>), so each integration's
/// requests can be told apart; <c>/v1/rpc</c> echoes the request id with a small result, after
/// any scripted statuses; <c>/v1/status</c> answers a plain JSON document.
/// </summary>
internal sealed class FakeClarify : IDisposable
{
    public const string IntegrationId = "c0jd1g6qnk1emp4tq2ag";
    public const string OtherIntegrationId = "d1ke2h7rol2fnq5ur3bh";
    public const string ClientId = "client-main";
    public const string OtherClientId = "client-other";
    public const string ClientSecret = "di-S3cret-Never-Shown-77f1";
    public const string OtherClientSecret = "di-S3cret-Other-Never-Shown-9c2e";

    private readonly WireMockServer _server;
    private readonly ConcurrentDictionary<string, int> _tokensByClient = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<int> _scriptedRpcStatuses = new();
    private readonly ConcurrentQueue<(string Path, string? Authorization)> _apiRequests = new();
    private readonly ConcurrentQueue<string> _issuedTokens = new();
    private readonly ConcurrentQueue<string> _secretsSent = new();
    private readonly ConcurrentQueue<string> _rpcBodies = new();

    public FakeClarify()
    {
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] });
        _server.Given(Request.Create().WithPath("/v1/oauth/token").UsingPost())
            .RespondWith(Response.Create().WithCallback(AnswerToken));
        _server.Given(Request.Create().WithPath("/v1/rpc").UsingPost())
            .RespondWith(Response.Create().WithCallback(AnswerRpc));
        _server.Given(Request.Create().WithPath("/v1/status").UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                Record(request);
                return Json(200, """{"status":"ok"}""");
            }));
    }

    public Uri ApiUrl => new($"http://127.0.0.1:{_server.Port}/v1/");

    /// <summary>Every RPC and status request in arrival order, with the Authorization header it carried.</summary>
    public IReadOnlyList<(string Path, string? Authorization)> ApiRequests => [.. _apiRequests];

    /// <summary>Every RPC request body in arrival order.</summary>
    public IReadOnlyList<string> RpcBodies => [.. _rpcBodies];

    /// <summary>Every token handed out, to search logs, tags and messages for.</summary>
    public IReadOnlyList<string> IssuedTokens => [.. _issuedTokens];

    public int TokenRequests => _tokensByClient.Values.Sum();

    /// <summary>The client_secret of every token request, to check which secret configuration chose.</summary>
    public IReadOnlyList<string> SecretsSent => [.. _secretsSent];

    public static string Token(string clientId, int n) => $"tok-{clientId}-{n}-Qx81";

    public static string Bearer(string clientId, int n) => "Bearer " + Token(clientId, n);

    public int TokenRequestsFor(string clientId) => _tokensByClient.GetValueOrDefault(clientId);

    public ClarifyOptions Options() =>
        new(ApiUrl, IntegrationId, ClarifyCredential.ClientCredentials(ClientId, ClientSecret), "Main");

    public ClarifyOptions BasicAuthOptions() =>
        new(ApiUrl, IntegrationId, ClarifyCredential.BasicAuth(ClientId, ClientSecret), "Main");

    /// <summary>What basic-auth credentials put in the Authorization header, to search logs for.</summary>
    public static string BasicCredentials => Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret));

    public ClarifyOptions OtherOptions() =>
        new(ApiUrl, OtherIntegrationId, ClarifyCredential.ClientCredentials(OtherClientId, OtherClientSecret), "Other");

    /// <summary>The next RPC requests get these statuses (with an empty body), in order; then 200s again.</summary>
    public void ScriptRpcStatuses(params int[] statuses)
    {
        foreach (int status in statuses)
        {
            _scriptedRpcStatuses.Enqueue(status);
        }
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }

    private ResponseMessage AnswerToken(IRequestMessage request)
    {
        Dictionary<string, string> form = (request.Body ?? string.Empty)
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : string.Empty), StringComparer.Ordinal);
        string clientId = form.GetValueOrDefault("client_id", "?");
        _secretsSent.Enqueue(form.GetValueOrDefault("client_secret", string.Empty));
        int n = _tokensByClient.AddOrUpdate(clientId, 1, (_, count) => count + 1);
        string token = Token(clientId, n);
        _issuedTokens.Enqueue(token);
        return Json(200, $$"""{"access_token":"{{token}}","scope":"clarify.read","expires_in":3600,"token_type":"Bearer"}""");
    }

    private ResponseMessage AnswerRpc(IRequestMessage request)
    {
        Record(request);
        _rpcBodies.Enqueue(request.Body ?? string.Empty);
        if (_scriptedRpcStatuses.TryDequeue(out int status))
        {
            return Json(status, "{}");
        }

        JsonObject call = JsonNode.Parse(request.Body!)!.AsObject();
        var result = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = call["id"]!.DeepClone(),
            ["result"] = new JsonObject { ["meta"] = new JsonObject { ["total"] = 0 }, ["data"] = new JsonArray(), ["method"] = call["method"]!.DeepClone() },
        };
        return Json(200, result.ToJsonString());
    }

    private void Record(IRequestMessage request) =>
        _apiRequests.Enqueue((request.AbsolutePath, request.Headers?.TryGetValue("Authorization", out var values) == true ? values.FirstOrDefault() : null));

    private static ResponseMessage Json(int status, string body)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        message.AddHeader("Content-Type", "application/json");
        return message;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
