using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Clarify.Typed.Tests.Rpc;

/// <summary>A fake Clarify JSON-RPC endpoint on 127.0.0.1 and a client pointed at it.</summary>
internal sealed class RpcServer : IDisposable
{
    public const string IntegrationId = "c618rbfqfsj7mjkj0ss1";

    private readonly HttpClient _http;

    public RpcServer(Func<JsonObject, (int Status, string Body)> respond, ClarifyClientOptions? clientOptions = null, TimeProvider? timeProvider = null)
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] });
        Server.Given(Request.Create().WithPath("/v1/rpc").UsingPost())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                (int status, string body) = respond(JsonNode.Parse(request.Body!)!.AsObject());
                return new WireMock.ResponseMessage
                {
                    StatusCode = status,
                    BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
                    Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
                };
            }));
        _http = new HttpClient { BaseAddress = new Uri(Server.Url + "/v1/") };
        Options = ClarifyOptions.Create(Server.Url + "/v1/", IntegrationId, "client-credentials", "client-id", "client-secret-never-shown");
        Client = new ClarifyClient(_http, Options, clientOptions ?? new ClarifyClientOptions { EnableRateLimiting = false }, timeProvider);
    }

    public WireMockServer Server { get; }

    public ClarifyOptions Options { get; }

    public ClarifyClient Client { get; }

    /// <summary>Every request body received, parsed, in order.</summary>
    public IReadOnlyList<JsonObject> Requests =>
        Server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).Select(e => JsonNode.Parse(e.RequestMessage.Body!)!.AsObject()).ToList();

    /// <summary>A fixed result, echoing the request id.</summary>
    public static Func<JsonObject, (int, string)> Result(string resultJson) =>
        request => (200, Envelope(request, "result", resultJson));

    /// <summary>A fixed error, echoing the request id.</summary>
    public static Func<JsonObject, (int, string)> Error(string errorJson) =>
        request => (200, Envelope(request, "error", errorJson));

    public static string Envelope(JsonObject request, string member, string json) =>
        new JsonObject { ["jsonrpc"] = "2.0", ["id"] = request["id"]!.DeepClone(), [member] = JsonNode.Parse(json) }.ToJsonString();

    /// <summary>A method result from <c>Rpc/Fixtures</c> (see its README).</summary>
    public static JsonNode Fixture(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rpc", "Fixtures", file)))!;

    /// <summary>Asserts two JSON documents are equal as parsed JSON (order of object members ignored).</summary>
    public static void AssertJsonEqual(string expected, JsonNode? actual)
    {
        JsonNode? expectedNode = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(expectedNode, actual), $"Expected:{Environment.NewLine}{expectedNode?.ToJsonString()}{Environment.NewLine}Actual:{Environment.NewLine}{actual?.ToJsonString()}");
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        Client.Dispose();
        _http.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
