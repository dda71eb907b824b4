using System;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Clarify.Typed.Emulator.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace Clarify.Typed.Emulator.Tests.Authentication;

public sealed class AccessTokenTests
{
    private static readonly Uri ApiUrl = new("http://127.0.0.1:5099/v1/");
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_token_is_a_signed_jwt_with_the_claims_clarify_tokens_carry()
    {
        var tokens = new AccessTokens(new FakeTimeProvider(Start), TimeSpan.FromHours(1));

        string[] parts = tokens.Issue("client-1", ApiUrl, "integration,admin,clarify").Split('.');
        JsonObject header = Decode(parts[0]);
        JsonObject payload = Decode(parts[1]);

        Assert.Equal(3, parts.Length);
        Assert.Equal("HS256", header["alg"]!.GetValue<string>());
        Assert.Equal("JWT", header["typ"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:5099/", payload["iss"]!.GetValue<string>());
        Assert.Equal("client-1", payload["sub"]!.GetValue<string>());
        Assert.Equal("client-1", payload["azp"]!.GetValue<string>());
        Assert.Equal(ApiUrl.AbsoluteUri, Assert.Single(payload["aud"]!.AsArray())!.GetValue<string>());
        Assert.Equal(Start.ToUnixTimeSeconds(), payload["iat"]!.GetValue<long>());
        Assert.Equal(Start.AddHours(1).ToUnixTimeSeconds(), payload["exp"]!.GetValue<long>());
        Assert.Equal("integration,admin,clarify", payload["scope"]!.GetValue<string>());
    }

    [Fact]
    public void Whole_second_times_never_make_a_token_die_before_its_lifetime()
    {
        DateTimeOffset midSecond = Start.AddMilliseconds(400);
        var tokens = new AccessTokens(new FakeTimeProvider(midSecond), TimeSpan.FromSeconds(60));

        JsonObject payload = Decode(tokens.Issue("client-1", ApiUrl, "scope").Split('.')[1]);

        Assert.Equal(Start.ToUnixTimeSeconds(), payload["iat"]!.GetValue<long>());
        Assert.Equal(Start.AddSeconds(61).ToUnixTimeSeconds(), payload["exp"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_token_is_valid_until_exp_on_the_emulators_clock()
    {
        var clock = new FakeTimeProvider(Start);
        var tokens = new AccessTokens(clock, TimeSpan.FromSeconds(60));
        string token = tokens.Issue("client-1", ApiUrl, "scope");

        clock.Advance(TimeSpan.FromSeconds(59));
        TokenState before = await tokens.CheckAsync(token, ApiUrl);
        clock.Advance(TimeSpan.FromSeconds(1));
        TokenState after = await tokens.CheckAsync(token, ApiUrl);

        Assert.Equal(TokenState.Valid, before);
        Assert.Equal(TokenState.Expired, after);
    }

    [Fact]
    public async Task A_token_for_another_api_url_is_refused_for_its_audience()
    {
        var tokens = new AccessTokens(new FakeTimeProvider(Start), TimeSpan.FromHours(1));
        string token = tokens.Issue("client-1", new Uri("http://127.0.0.1:5099/other/"), "scope");

        Assert.Equal(TokenState.WrongAudience, await tokens.CheckAsync(token, ApiUrl));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_or_altered_is_unknown()
    {
        var clock = new FakeTimeProvider(Start);
        var tokens = new AccessTokens(clock, TimeSpan.FromHours(1));
        string foreign = new AccessTokens(clock, TimeSpan.FromHours(1)).Issue("client-1", ApiUrl, "scope");
        string[] parts = tokens.Issue("client-1", ApiUrl, "scope").Split('.');
        JsonObject payload = Decode(parts[1]);
        payload["exp"] = Start.AddYears(1).ToUnixTimeSeconds();
        string altered = $"{parts[0]}.{Encode(payload)}.{parts[2]}";

        Assert.Equal(TokenState.Unknown, await tokens.CheckAsync(foreign, ApiUrl));
        Assert.Equal(TokenState.Unknown, await tokens.CheckAsync(altered, ApiUrl));
        Assert.Equal(TokenState.Unknown, await tokens.CheckAsync("not-a-jwt", ApiUrl));
    }

    [Fact]
    public async Task ExpireAll_revokes_the_tokens_issued_so_far_but_not_later_ones()
    {
        var tokens = new AccessTokens(new FakeTimeProvider(Start), TimeSpan.FromHours(1));
        string first = tokens.Issue("client-1", ApiUrl, "scope");
        string second = tokens.Issue("client-1", ApiUrl, "scope");

        tokens.ExpireAll();
        string later = tokens.Issue("client-1", ApiUrl, "scope");

        Assert.Equal(TokenState.Expired, await tokens.CheckAsync(first, ApiUrl));
        Assert.Equal(TokenState.Expired, await tokens.CheckAsync(second, ApiUrl));
        Assert.Equal(TokenState.Valid, await tokens.CheckAsync(later, ApiUrl));
    }

    /// <summary>Base64url without padding, as JWTs encode their parts.</summary>
    internal static JsonObject Decode(string part)
    {
        string base64 = part.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)))!.AsObject();
    }

    private static string Encode(JsonObject json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
