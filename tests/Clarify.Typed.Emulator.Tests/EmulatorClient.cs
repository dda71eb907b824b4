using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests;

/// <summary>
/// A deliberately raw client for the emulator's wire format: form posts and JSON-RPC envelopes
/// built by hand, so the tests check the bytes on the wire, not a client library's view of them.
/// </summary>
internal sealed class EmulatorClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly ClarifyEmulator _emulator;
    private string? _token;
    private int _nextId;

    private EmulatorClient(ClarifyEmulator emulator)
    {
        _emulator = emulator;

        // Trusts the certificate of an https emulator; a plain handler for http.
        _http = new HttpClient(emulator.CreateHttpMessageHandler()) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public ClarifyEmulator Emulator => _emulator;

    public string IntegrationId => _emulator.Options.IntegrationId;

    /// <summary>Starts an emulator (rate limits off unless <paramref name="configure"/> turns them on) and a client for it; disposing the client stops the emulator.</summary>
    public static async Task<EmulatorClient> StartAsync(Action<ClarifyEmulatorOptions>? configure = null)
    {
        var options = new ClarifyEmulatorOptions { EnforceRateLimits = false };
        configure?.Invoke(options);
        return new EmulatorClient(await ClarifyEmulator.StartAsync(options));
    }

    public async Task<HttpResponseMessage> PostTokenAsync(IDictionary<string, string> form, AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _emulator.Options.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        return await _http.SendAsync(request);
    }

    public Dictionary<string, string> ValidTokenForm() => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = _emulator.Options.Credential.ClientId,
        ["client_secret"] = _emulator.Options.Credential.ClientSecret,
        ["audience"] = _emulator.ApiUrl.AbsoluteUri,
    };

    public async Task<string> GetTokenAsync()
    {
        using HttpResponseMessage response = await PostTokenAsync(ValidTokenForm());
        Assert.Equal(200, (int)response.StatusCode);
        JsonObject body = await ReadObjectAsync(response);
        return body["access_token"]!.GetValue<string>();
    }

    /// <summary>Posts a raw body to the RPC endpoint with a fresh bearer token unless <paramref name="authorization"/> is given.</summary>
    /// <summary>Fetches the bearer token the next calls use, so concurrent calls do not race for one.</summary>
    public async Task AuthenticateAsync() => _token = await GetTokenAsync();

    public async Task<HttpResponseMessage> PostRpcAsync(string body, AuthenticationHeaderValue? authorization = null, string contentType = "application/json", string? apiVersion = null)
    {
        authorization ??= new AuthenticationHeaderValue("Bearer", _token ??= await GetTokenAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, _emulator.Options.RpcUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Authorization = authorization;
        if (apiVersion is not null)
        {
            request.Headers.Add("X-API-Version", apiVersion);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Calls a method and returns the whole JSON-RPC response object.</summary>
    public async Task<JsonObject> CallAsync(string method, JsonObject? parameters = null, string? apiVersion = null)
    {
        int id = Interlocked.Increment(ref _nextId);
        var envelope = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        using HttpResponseMessage response = await PostRpcAsync(envelope.ToJsonString(), apiVersion: apiVersion);
        Assert.Equal(200, (int)response.StatusCode);
        JsonObject body = await ReadObjectAsync(response);
        Assert.Equal("2.0", body["jsonrpc"]!.GetValue<string>());
        Assert.Equal(id, body["id"]!.GetValue<int>());
        return body;
    }

    /// <summary>Calls a method that must succeed and returns its <c>result</c>.</summary>
    public async Task<JsonObject> ResultAsync(string method, JsonObject? parameters = null, string? apiVersion = null)
    {
        JsonObject response = await CallAsync(method, parameters, apiVersion);
        Assert.True(response["error"] is null, $"{method} failed: {response["error"]?.ToJsonString()}");
        return response["result"]!.AsObject();
    }

    /// <summary>Calls a method that must fail and returns its <c>error</c>.</summary>
    public async Task<JsonObject> ErrorAsync(string method, JsonObject? parameters = null, string? apiVersion = null)
    {
        JsonObject response = await CallAsync(method, parameters, apiVersion);
        Assert.Null(response["result"]);
        return response["error"]!.AsObject();
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }
}
