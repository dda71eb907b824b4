using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Clarify.Typed.Emulator.Hosting;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Emulator.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public async Task Port_zero_picks_a_free_port_and_the_options_point_at_it()
    {
        await using ClarifyEmulator emulator = await ClarifyEmulator.StartAsync();

        Assert.True(emulator.Port > 0);
        Assert.Equal(new Uri($"http://127.0.0.1:{emulator.Port}/v1/"), emulator.ApiUrl);
        Assert.Equal(emulator.ApiUrl, emulator.Options.ApiUrl);
        Assert.Equal(ClarifyEmulatorOptions.DefaultIntegrationId, emulator.Options.IntegrationId);
        Assert.Equal(ClarifyCredentialType.ClientCredentials, emulator.Options.Credential.Type);
        Assert.Equal(new Uri(emulator.ApiUrl, "oauth/token"), emulator.Options.TokenUrl);
    }

    [Fact]
    public async Task A_port_in_use_is_a_clear_error()
    {
        await using ClarifyEmulator first = await ClarifyEmulator.StartAsync();

        ClarifyEmulatorException error = await Assert.ThrowsAsync<ClarifyEmulatorException>(
            () => ClarifyEmulator.StartAsync(new ClarifyEmulatorOptions { Port = first.Port }));

        Assert.Contains(first.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ClarifyException>(error);
    }

    [Fact]
    public async Task From_serves_the_integration_credentials_host_and_path_of_loopback_options()
    {
        var credentials = ClarifyOptions.Create("http://localhost:5099/custom/v1", "c0jd1g6qnk1emp4tq2ag", "basic-auth", "user-1", "password-1");

        ClarifyEmulatorOptions options = ClarifyEmulatorOptions.From(credentials);
        options.Port = 0;
        await using ClarifyEmulator emulator = await ClarifyEmulator.StartAsync(options);

        Assert.Equal(5099, ClarifyEmulatorOptions.From(credentials).Port);
        Assert.Equal($"http://localhost:{emulator.Port}/custom/v1/", emulator.ApiUrl.AbsoluteUri);
        Assert.Equal(credentials.Credential, emulator.Options.Credential);
        Assert.Equal("c0jd1g6qnk1emp4tq2ag", emulator.Options.IntegrationId);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.Options.RpcUrl)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"clarify.selectItems"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("user-1:password-1"u8.ToArray()));
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public void From_refuses_a_remote_api_url()
    {
        var remote = ClarifyOptions.Create(null, "c0jd1g6qnk1emp4tq2ag", "client-credentials", "id", "secret");

        ClarifyEmulatorException error = Assert.Throws<ClarifyEmulatorException>(() => ClarifyEmulatorOptions.From(remote));

        Assert.Contains("https://api.clarify.io/v1/", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, "/v1/", "127.0.0.1")]
    [InlineData(0, "v1", "127.0.0.1")]
    [InlineData(0, "/v1/", "example.com")]
    public async Task Invalid_options_are_refused_before_listening(int port, string path, string host)
    {
        var options = new ClarifyEmulatorOptions { Port = port, ApiPath = path, Host = host };

        await Assert.ThrowsAsync<ClarifyEmulatorException>(() => ClarifyEmulator.StartAsync(options));
    }

    [Fact]
    public async Task Logs_describe_requests_without_secrets_or_tokens()
    {
        var lines = new ConcurrentQueue<string>();
        using ILoggerFactory loggerFactory = LoggerFactory.Create(b => b.AddProvider(new ListLoggerProvider(lines)).SetMinimumLevel(LogLevel.Trace));
        await using EmulatorClient client = await EmulatorClient.StartAsync(o =>
        {
            o.LoggerFactory = loggerFactory;
            o.Credential = ClarifyCredential.ClientCredentials("client-x", "very-secret-value");
        });
        Dictionary<string, string> wrong = client.ValidTokenForm();
        wrong["client_secret"] = "wrong-secret-value";

        using HttpResponseMessage refused = await client.PostTokenAsync(wrong);
        string token = await client.GetTokenAsync();
        using HttpResponseMessage served = await client.PostRpcAsync("""{"jsonrpc":"2.0","id":1,"method":"clarify.selectItems"}""", new("Bearer", token));
        using HttpResponseMessage unauthorized = await client.PostRpcAsync("""{"jsonrpc":"2.0","id":1,"method":"clarify.selectItems"}""", new("Bearer", "presented-bad-token"));

        Assert.Contains(lines, l => l.Contains("clarify.selectItems", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("invalid_client", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("401", StringComparison.Ordinal));
        foreach (string secret in new[] { "very-secret-value", "wrong-secret-value", token, "presented-bad-token" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain("very-secret-value", client.Emulator.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_standalone_credentials_file_reads_back_as_the_same_options()
    {
        var options = new ClarifyOptions(new Uri("http://127.0.0.1:5099/v1/"), "c0emu1ator0000000000", ClarifyCredential.ClientCredentials("id-1", "secret-1"));

        JsonObject file = JsonNode.Parse(Program.CredentialsFile(options))!.AsObject();
        ClarifyOptions read = ClarifyOptions.Create(
            file["apiUrl"]!.GetValue<string>(),
            file["integration"]!.GetValue<string>(),
            file["credentials"]!["type"]!.GetValue<string>(),
            file["credentials"]!["clientId"]!.GetValue<string>(),
            file["credentials"]!["clientSecret"]!.GetValue<string>());

        Assert.Equal(options, read);
    }

    [Theory]
    [InlineData(0, "--help")]
    [InlineData(2, "--no-such-option")]
    [InlineData(2, "--port")]
    [InlineData(2, "--port", "many")]
    public async Task The_standalone_program_explains_its_arguments(int exitCode, params string[] args)
    {
        Assert.Equal(exitCode, await Program.Main(args));
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
