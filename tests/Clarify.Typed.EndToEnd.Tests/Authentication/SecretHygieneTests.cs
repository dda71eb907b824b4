using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.Emulator;
using Clarify.Typed.Rpc;
using Clarify.Typed.Tests.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace Clarify.Typed.EndToEnd.Tests.Authentication;

/// <summary>Neither the client nor the emulator lets a secret or an access token into a log line or an error.</summary>
public sealed class SecretHygieneTests
{
    [Fact]
    public async Task No_log_line_or_error_holds_the_secret_or_a_token_across_fetches_expiry_revocation_and_failures()
    {
        var time = new FakeTimeProvider();
        var logs = new CapturingLoggerFactory();
        await using ClarifyEmulator emulator = await ClarifyEmulator.StartAsync(new ClarifyEmulatorOptions
        {
            EnforceRateLimits = false,
            TokenLifetime = TimeSpan.FromMinutes(1),
            TimeProvider = time,
            LoggerFactory = logs,
        });
        var tokens = new ConcurrentBag<string>();
        using ClarifyClient client = ClarifyClient.Create(
            emulator.Options,
            new ClarifyClientOptions { EnableRateLimiting = false },
            logs,
            new TokenRecorder(tokens),
            time);

        await client.SelectItemsAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        await client.SelectItemsAsync();
        emulator.Faults.ExpireAllTokens();
        await client.SelectItemsAsync();
        emulator.Faults.FailTokenEndpoint(503);
        time.Advance(TimeSpan.FromMinutes(1));
        ClarifyAuthenticationException failure = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => client.SelectItemsAsync());
        time.Advance(failure.RetryAfter!.Value);
        await client.SelectItemsAsync();
        emulator.Faults.FailRpcEndpoint(500);
        ClarifyHttpException serverError = await Assert.ThrowsAsync<ClarifyHttpException>(() => client.SelectItemsAsync());

        Assert.Equal(4, tokens.Distinct().Count());
        Assert.Contains(logs.Lines, line => line.Contains("replaying the request once", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.Contains("503", StringComparison.Ordinal));
        string[] texts = [.. logs.Lines, failure.ToString(), serverError.ToString()];
        foreach (string secret in tokens.Append(ClarifyEmulatorOptions.DefaultClientSecret))
        {
            Assert.All(texts, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }

    /// <summary>Sends requests for real and remembers the bearer tokens they carried.</summary>
    private sealed class TokenRecorder(ConcurrentBag<string> tokens) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization?.Parameter is { Length: > 0 } token)
            {
                tokens.Add(token);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
