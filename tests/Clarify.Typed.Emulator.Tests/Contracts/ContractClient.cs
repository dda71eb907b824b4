using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests.Contracts;

/// <summary>
/// Sends JSON-RPC requests exactly as a test spells them (method name, id, version header, params)
/// and checks the response the way every official client does before it reads the result:
/// HTTP 200, <c>jsonrpc: "2.0"</c>, the request's id, no error.
/// </summary>
internal sealed class ContractClient(EmulatorClient client, string accessToken)
{
    public EmulatorClient Client => client;

    public string IntegrationId => client.IntegrationId;

    /// <summary>Calls <paramref name="method"/> and returns the whole response envelope.</summary>
    /// <param name="apiVersion">The X-API-Version header, or null for none.</param>
    public async Task<JsonObject> CallAsync(JsonNode id, string method, string? apiVersion, JsonObject parameters)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters, ["id"] = id.DeepClone() };
        using HttpResponseMessage response = await client.PostRpcAsync(request.ToJsonString(), new AuthenticationHeaderValue("Bearer", accessToken), apiVersion: apiVersion);
        JsonObject body = await EmulatorClient.ReadObjectAsync(response);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(apiVersion ?? "1.1", Assert.Single(response.Headers.GetValues("X-API-Version")));
        Assert.Equal("2.0", body["jsonrpc"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(id, body["id"]), $"the response id {body["id"]?.ToJsonString()} is not the request's {id.ToJsonString()}");
        Assert.True(body["error"] is null, $"{method} ({apiVersion}) failed: {body["error"]?.ToJsonString()}");
        Assert.Equal(JsonValueKind.Object, body["result"]?.GetValueKind());
        return body;
    }

    /// <summary>Calls <paramref name="method"/> and returns its result.</summary>
    public async Task<JsonObject> ResultAsync(JsonNode id, string method, string? apiVersion, JsonObject parameters) =>
        (await CallAsync(id, method, apiVersion, parameters))["result"]!.AsObject();

    /// <summary>The payload of a JWT as Node's <c>Buffer.from(token.split('.')[1], 'base64')</c> reads it: either base64 alphabet, padding optional.</summary>
    public static JsonObject JwtPayload(string token)
    {
        string[] parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return Authentication.AccessTokenTests.Decode(parts[1]);
    }

    /// <summary>Asserts that a claim is there with the JSON kind a client's type declares for it.</summary>
    public static JsonNode Claim(JsonObject payload, string name, JsonValueKind kind)
    {
        JsonNode claim = payload[name] ?? throw new Xunit.Sdk.XunitException($"the access token has no '{name}' claim: {payload.ToJsonString()}");
        Assert.Equal(kind, claim.GetValueKind());
        return claim;
    }

    public static DateTimeOffset Seconds(JsonNode claim) => DateTimeOffset.FromUnixTimeSeconds(claim.GetValue<long>());
}
