using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;

namespace Clarify.Typed.Tests.Authentication;

public sealed class SecretLeakTests : ClarifyServerTest
{
    private const string TokenInBrokenBody = "tok-LEAK-in-a-broken-body-77";

    private readonly CapturingLoggerFactory _logs = new();
    private readonly List<Exception> _errors = [];

    [Fact]
    public async Task No_log_line_or_exception_ever_contains_the_client_secret_or_an_access_token()
    {
        using ClarifyTokenCache cache = Server.CreateTokenCache(Time, new ClarifyTokenCacheOptions { RequestTimeout = TimeSpan.FromSeconds(5) }, _logs);
        using HttpClient client = Pipeline.Create(Server.Options(), cache, logs: _logs);
        string secret = TestCredentials.ClientSecret;

        // A token fetched, used, rejected once and replaced, then a refresh ahead of expiry.
        Server.AnswerRpc(request => new FakeReply(request.Authorization == FakeClarify.Bearer(1) ? 401 : 200, "{}"));
        (await client.PostAsync("rpc", new StringContent("{}"))).Dispose();
        Time.Advance(TimeSpan.FromSeconds(3300));
        (await client.PostAsync("rpc", new StringContent("{}"))).Dispose();
        await (cache.PendingFetch ?? Task.CompletedTask).Within();

        // Every kind of failure, including servers that echo the secret or send a token in a broken answer.
        Time.Advance(TimeSpan.FromHours(2));
        await Fail(cache, new FakeReply(200, $$"""{"access_token":"{{TokenInBrokenBody}}","token_type":"mac","expires_in":3600}"""));
        await Fail(cache, new FakeReply(200, $$"""{"access_token":"{{TokenInBrokenBody}}","token_type":"{{secret}}","expires_in":3600}"""));
        await Fail(cache, new FakeReply(200, $$"""{"access_token":"{{TokenInBrokenBody}}","token_type":"Bearer","expires_in":-1}"""));
        await Fail(cache, new FakeReply(200, $"<html>{secret} {TokenInBrokenBody}</html>"));
        await Fail(cache, new FakeReply(401, $$"""{"error":"invalid_client","error_description":"client_secret '{{secret}}' is wrong"}"""));
        await Fail(cache, new FakeReply(200, $$"""{"access_token":"{{TokenInBrokenBody}}","error":"odd","error_description":"issued {{TokenInBrokenBody}}"}"""));
        await Fail(cache, new FakeReply(500, $$"""{"error":"server_error","error_description":"{{secret}}"}"""));
        Time.Advance(TimeSpan.FromMinutes(5));
        await Fail(cache, new FakeReply(429, "", RetryAfter: "1"));
        Time.Advance(TimeSpan.FromMinutes(5));
        TaskCompletionSource gate = Server.HoldTokens();
        Task<AccessToken> slow = cache.GetTokenAsync(CancellationToken.None).AsTask();
        Assert.NotNull(cache.PendingFetch);
        Time.Advance(TimeSpan.FromSeconds(5));
        _errors.Add(await Assert.ThrowsAnyAsync<ClarifyException>(() => slow.Within()));
        gate.SetResult();

        // Refused destinations and a token the API keeps rejecting.
        Server.IssueTokens();
        _errors.Add(await Assert.ThrowsAnyAsync<ClarifyException>(() => client.GetAsync(new Uri("https://elsewhere.example/v1/rpc"))));
        _errors.Add(await Assert.ThrowsAnyAsync<ClarifyException>(() => client.GetAsync(new Uri("http://elsewhere.example/v1/rpc"))));
        Server.AnswerRpc(_ => new FakeReply(401, "", WwwAuthenticate: "Bearer error=\"invalid_token\""));
        _errors.Add(await Assert.ThrowsAnyAsync<ClarifyException>(() => client.PostAsync("rpc", new StringContent("{}"))));
        using (HttpClient basic = Pipeline.Create(Server.Options(ClarifyCredentialType.BasicAuth), null, logs: _logs))
        {
            _errors.Add(await Assert.ThrowsAnyAsync<ClarifyException>(() => basic.PostAsync("rpc", new StringContent("{}"))));
        }

        string[] forbidden =
        [
            secret,
            TokenInBrokenBody,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(TestCredentials.ClientId + ":" + secret)),
            .. Server.IssuedTokens,
        ];
        Assert.True(Server.IssuedTokens.Count >= 3, "the scenario should have issued several tokens");
        Assert.True(_errors.Count >= 12, "the scenario should have raised every kind of error");
        Assert.NotEmpty(_logs.Lines);
        foreach (string text in _logs.Lines.Concat(_errors.SelectMany(Describe)))
        {
            foreach (string value in forbidden)
            {
                Assert.DoesNotContain(value, text, StringComparison.Ordinal);
            }
        }
    }

    private static IEnumerable<string> Describe(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            yield return e.ToString();
            foreach (DictionaryEntry entry in e.Data)
            {
                yield return $"{entry.Key}={entry.Value}";
            }
        }
    }

    private async Task Fail(ClarifyTokenCache cache, FakeReply reply)
    {
        Server.AnswerTokens(reply);
        _errors.Add(await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => cache.GetTokenAsync(CancellationToken.None).AsTask()));
    }
}
