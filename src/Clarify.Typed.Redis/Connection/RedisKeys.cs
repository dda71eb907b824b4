using System;
using System.Security.Cryptography;
using System.Text;

namespace Clarify.Typed.Redis.Connection;

/// <summary>
/// Every key this package writes: the prefix, what the key is for, and a SHA-256 of the values that
/// identify it, so a key shows neither the api URL nor the client id, and never a secret.
/// </summary>
internal static class RedisKeys
{
    /// <summary>The shared token of one client id at one api URL.</summary>
    public static string Token(ClarifyRedisOptions options, ClarifyOptions integration) =>
        options.KeyPrefix + "token:" + Hash(integration.ApiUrl.AbsoluteUri, integration.Credential.ClientId);

    /// <summary>The lock an instance holds while it fetches the token of <paramref name="tokenKey"/>.</summary>
    public static string TokenLock(string tokenKey) => tokenKey + ":lock";

    /// <summary>The next free turn of one method of one integration.</summary>
    public static string Pace(ClarifyRedisOptions options, ClarifyOptions integration, string method) =>
        options.KeyPrefix + "pace:" + Hash(integration.ApiUrl.AbsoluteUri, integration.IntegrationId) + ":" + method;

    private static string Hash(string first, string second) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(first + "\n" + second)));
}
