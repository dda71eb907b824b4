using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clarify.Typed.Emulator.Authentication;

/// <summary>What an access token presented to the RPC endpoint turned out to be.</summary>
internal enum TokenState
{
    Valid,
    Expired,
    WrongAudience,
    Unknown,
}

/// <summary>
/// The emulator's access tokens: JWTs signed with HS256 and a key made when the emulator starts,
/// carrying the claims Clarify's tokens carry (<c>iss sub azp aud iat exp scope</c>), because
/// official clients decode them. Expiry is checked on the emulator's clock, not the library's,
/// so a fake clock drives it; revocation is by token number (<c>jti</c>).
/// </summary>
internal sealed class AccessTokens
{
    private const string Algorithm = SecurityAlgorithms.HmacSha256;

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SymmetricSecurityKey _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private long _issued;
    private long _revokedThrough;

    public AccessTokens(TimeProvider time, TimeSpan lifetime)
    {
        _time = time;
        _lifetime = lifetime;
        _key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant() };
    }

    /// <summary>The issuer of the tokens of an emulator serving <paramref name="apiUrl"/>: its origin, e.g. <c>http://127.0.0.1:5099/</c>.</summary>
    public static string Issuer(Uri apiUrl) => apiUrl.GetLeftPart(UriPartial.Authority) + "/";

    /// <summary>Signs a new token for <paramref name="clientId"/> whose audience is <paramref name="apiUrl"/>.</summary>
    public string Issue(string clientId, Uri apiUrl, string scope)
    {
        long number = Interlocked.Increment(ref _issued);
        DateTimeOffset now = _time.GetUtcNow();

        // JWT times are whole seconds: iat rounds down and exp up, so a token never dies before expires_in says.
        long issuedAt = now.ToUnixTimeSeconds();
        long expires = (long)Math.Ceiling((now + _lifetime - DateTimeOffset.UnixEpoch).TotalSeconds);
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer(apiUrl),
            SigningCredentials = new SigningCredentials(_key, Algorithm),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = clientId,
                ["azp"] = clientId,
                ["aud"] = new[] { apiUrl.AbsoluteUri },
                ["iat"] = issuedAt,
                ["exp"] = expires,
                ["scope"] = scope,
                ["jti"] = number.ToString(CultureInfo.InvariantCulture),
            },
        });
    }

    /// <summary>Checks signature, issuer and audience, then expiry and revocation on the emulator's clock.</summary>
    public async Task<TokenState> CheckAsync(string token, Uri apiUrl)
    {
        TokenValidationResult result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = _key,
            ValidAlgorithms = [Algorithm],
            ValidIssuer = Issuer(apiUrl),
            ValidAudience = apiUrl.AbsoluteUri,
            RequireSignedTokens = true,

            // The library's lifetime check reads the system clock; the emulator's may be a fake one.
            ValidateLifetime = false,
        }).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return result.Exception is SecurityTokenInvalidAudienceException ? TokenState.WrongAudience : TokenState.Unknown;
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!jwt.TryGetPayloadValue("exp", out long expires) || !long.TryParse(jwt.Id, NumberStyles.None, CultureInfo.InvariantCulture, out long number))
        {
            return TokenState.Unknown;
        }

        bool revoked = number <= Interlocked.Read(ref _revokedThrough);
        return revoked || _time.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(expires) ? TokenState.Expired : TokenState.Valid;
    }

    /// <summary>Every token issued so far stops working; later ones are not affected.</summary>
    public void ExpireAll() => Interlocked.Exchange(ref _revokedThrough, Interlocked.Read(ref _issued));
}
