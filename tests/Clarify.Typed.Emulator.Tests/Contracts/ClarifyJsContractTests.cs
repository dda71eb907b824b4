using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests.Contracts;

/// <summary>
/// Clarify's JavaScript client, <c>@clarify/api</c> 0.3.0 on npm (src/client.ts, src/rpc.ts,
/// src/authenticators/client-credentials.ts, src/requests/*.ts), as it speaks on the wire:
/// https only (it sends through an <c>https.Agent</c>); a token from a form with
/// <c>grant_type, client_id, client_secret, audience</c> whose <c>access_token</c> it decodes as
/// a JWT (<c>token.split('.')[1]</c>, base64, JSON: <c>exp aud azp iat iss scope sub</c>);
/// string ids <c>clarify-N</c>; <c>integration.SaveSignals</c> (<c>createOnly, integration, inputs</c>,
/// signals with <c>type</c>) and <c>integration.Insert</c> with <c>X-API-Version: 1.1beta2</c>;
/// <c>clarify.SelectItems</c> with 1.1beta1's <c>{items, data}</c>. It accepts a response only when it
/// is HTTP 200 with <c>jsonrpc: "2.0"</c>, the request's id and a truthy result or an error.
/// </summary>
public sealed class ClarifyJsContractTests
{
    [Fact]
    public async Task The_access_token_decodes_as_clarify_api_decodes_it()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync(o => o.UseHttps = true);

        JsonObject payload = ContractClient.JwtPayload(await TokenAsync(client));

        // interface ClarifyAccessToken { exp: number; aud: string[]; azp: string; iat: number; iss: string; scope: string; sub: string; }
        JsonNode exp = ContractClient.Claim(payload, "exp", JsonValueKind.Number);
        JsonNode iat = ContractClient.Claim(payload, "iat", JsonValueKind.Number);
        JsonArray aud = ContractClient.Claim(payload, "aud", JsonValueKind.Array).AsArray();
        Assert.Equal(client.Emulator.ApiUrl.AbsoluteUri, Assert.Single(aud)!.GetValue<string>());
        Assert.Equal(client.Emulator.Options.Credential.ClientId, ContractClient.Claim(payload, "azp", JsonValueKind.String).GetValue<string>());
        Assert.Equal(client.Emulator.Options.Credential.ClientId, ContractClient.Claim(payload, "sub", JsonValueKind.String).GetValue<string>());
        Assert.Equal($"https://127.0.0.1:{client.Emulator.Port}/", ContractClient.Claim(payload, "iss", JsonValueKind.String).GetValue<string>());
        Assert.Equal("integration,admin,clarify", ContractClient.Claim(payload, "scope", JsonValueKind.String).GetValue<string>());
        Assert.InRange((ContractClient.Seconds(exp) - ContractClient.Seconds(iat)).TotalSeconds, 86400, 86401);
    }

    [Fact]
    public async Task Over_https_it_saves_signals_inserts_and_selects_items_as_clarify_api_sends_them()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync(o => o.UseHttps = true);
        string token = await TokenAsync(client);
        ContractClient.JwtPayload(token); // it decodes the token before its first call
        var js = new ContractClient(client, token);

        JsonObject saved = await js.ResultAsync("clarify-1", "integration.SaveSignals", "1.1beta2", new JsonObject
        {
            ["createOnly"] = false,
            ["inputs"] = new JsonObject
            {
                ["boiler-temp"] = new JsonObject
                {
                    ["name"] = "Boiler temperature",
                    ["description"] = "Water out",
                    ["gapDetection"] = "PT5M", // Duration.toJSON()
                    ["engUnit"] = "°C",
                    ["type"] = "numeric",
                    ["sourceType"] = "measurement",
                    ["sampleInterval"] = null,
                    ["enumValues"] = null,
                    ["labels"] = new JsonObject { ["site"] = Methods.Wire.Array("oslo") },
                    ["annotations"] = new JsonObject { ["origin"] = "node-red" },
                },
            },
            ["integration"] = js.IntegrationId,
        });
        JsonObject inserted = await js.ResultAsync("clarify-2", "integration.Insert", "1.1beta2", new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["times"] = Methods.Wire.Array("2022-03-27T17:20:12.046+02:00", "2022-03-27T17:21:12.046+02:00"),
                ["series"] = new JsonObject { ["boiler-temp"] = Methods.Wire.Array(20.69027555977774, null) },
            },
            ["integration"] = js.IntegrationId,
        });
        string signalId = saved["signalsByInput"]!["boiler-temp"]!["id"]!.GetValue<string>();
        string itemId = await PublishAsync(client, signalId);
        JsonObject selected = await js.ResultAsync("clarify-3", "clarify.SelectItems", "1.1beta1", new JsonObject
        {
            ["items"] = new JsonObject { ["include"] = true, ["filter"] = new JsonObject { ["labels.site"] = "oslo" }, ["limit"] = 10, ["skip"] = 0 },
            ["data"] = new JsonObject { ["include"] = true, ["notBefore"] = "2022-03-27T00:00:00.000Z", ["before"] = "2022-03-28T00:00:00.000Z", ["rollup"] = null },
        });

        Assert.True(saved["signalsByInput"]!["boiler-temp"]!["created"]!.GetValue<bool>());
        Assert.Equal(signalId, inserted["signalsByInput"]!["boiler-temp"]!["id"]!.GetValue<string>());
        Assert.False(inserted["signalsByInput"]!["boiler-temp"]!["created"]!.GetValue<bool>());
        Assert.Equal("Boiler temperature", selected["items"]![itemId]!["name"]!.GetValue<string>());
        Assert.Equal(["2022-03-27T15:20:12.046Z"], Methods.Wire.Strings(selected["data"]!["times"])); // null was a gap
        Assert.Equal([20.69027555977774], Methods.Wire.Numbers(selected["data"]!["series"]![itemId]));
        Assert.Equal(1, client.Emulator.GetRpcRequestCount("integration.saveSignals"));
        Assert.Equal(1, client.Emulator.GetRpcRequestCount("clarify.selectItems"));
    }

    [Fact]
    public async Task An_error_has_the_code_message_and_trace_it_turns_into_an_RPCError()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync(o => o.UseHttps = true);
        await client.AuthenticateAsync();

        JsonObject error = await client.ErrorAsync("integration.Insert", Methods.Wire.Insert("c0000000000000000000", [], []), "1.1beta2");

        Assert.Equal(-32003, error["code"]!.GetValue<int>()); // RPCErrorCode.operationNotPermitted
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        Assert.Equal(JsonValueKind.String, error["data"]!["trace"]!.GetValueKind());
    }

    /// <summary>ClientCredentialsAuthenticator.refresh(): it needs a truthy access_token and expires_in.</summary>
    private static async Task<string> TokenAsync(EmulatorClient client)
    {
        using HttpResponseMessage response = await client.PostTokenAsync(client.ValidTokenForm());
        JsonObject body = await EmulatorClient.ReadObjectAsync(response);
        Assert.True(body["expires_in"]!.GetValue<long>() > 0);
        string token = body["access_token"]!.GetValue<string>();
        Assert.NotEmpty(token);
        return token;
    }

    /// <summary>Items come from published signals; @clarify/api has no publish, so this is set-up in 1.1.</summary>
    private static async Task<string> PublishAsync(EmulatorClient client, string signalId)
    {
        JsonObject published = await client.ResultAsync("admin.publishSignals", new JsonObject
        {
            ["integration"] = client.IntegrationId,
            ["itemsBySignal"] = new JsonObject { [signalId] = new JsonObject { ["name"] = "Boiler temperature", ["visible"] = true, ["labels"] = new JsonObject { ["site"] = Methods.Wire.Array("oslo") } } },
        });
        return published["itemsBySignal"]![signalId]!["id"]!.GetValue<string>();
    }
}
