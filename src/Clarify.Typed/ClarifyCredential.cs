using System;
using Clarify.Typed.Credentials;

namespace Clarify.Typed;

/// <summary>How a Clarify integration proves who it is.</summary>
public enum ClarifyCredentialType
{
    /// <summary>OAuth 2.0 client credentials: a bearer token is fetched from <c>{apiUrl}oauth/token</c>.</summary>
    ClientCredentials,

    /// <summary>HTTP Basic authentication with the client id and secret; no token is fetched.</summary>
    BasicAuth,
}

/// <summary>
/// The credentials of one Clarify integration. The secret is never part of
/// <see cref="ToString"/>, so options can be logged safely.
/// </summary>
public sealed class ClarifyCredential : IEquatable<ClarifyCredential>
{
    private ClarifyCredential(ClarifyCredentialType type, string clientId, string clientSecret)
    {
        Type = type;
        ClientId = clientId ?? throw new ArgumentNullException(nameof(clientId));
        ClientSecret = clientSecret ?? throw new ArgumentNullException(nameof(clientSecret));
    }

    /// <summary>The kind of credentials.</summary>
    public ClarifyCredentialType Type { get; }

    /// <summary>The OAuth client id, or the Basic user name.</summary>
    public string ClientId { get; }

    /// <summary>The OAuth client secret, or the Basic password. Never logged or shown.</summary>
    public string ClientSecret { get; }

    /// <summary>The value of <c>credentials.type</c> in a credentials file.</summary>
    public string TypeName => Type == ClarifyCredentialType.BasicAuth ? CredentialRules.BasicAuthType : CredentialRules.ClientCredentialsType;

    /// <summary>OAuth 2.0 client credentials (<c>"type": "client-credentials"</c>).</summary>
    public static ClarifyCredential ClientCredentials(string clientId, string clientSecret) =>
        new(ClarifyCredentialType.ClientCredentials, clientId, clientSecret);

    /// <summary>HTTP Basic credentials (<c>"type": "basic-auth"</c>).</summary>
    public static ClarifyCredential BasicAuth(string clientId, string clientSecret) =>
        new(ClarifyCredentialType.BasicAuth, clientId, clientSecret);

    /// <summary>Creates credentials from the <c>credentials.type</c> text of a credentials file.</summary>
    /// <exception cref="ClarifyConfigurationException">The type is not one Clarify issues.</exception>
    public static ClarifyCredential FromTypeName(string typeName, string clientId, string clientSecret)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        CredentialProblem? problem = CredentialRules.CheckCredentialsType(CredentialRules.CredentialsTypePath, typeName);
        if (problem is not null)
        {
            throw new ClarifyConfigurationException([problem.Message]);
        }

        return typeName == CredentialRules.BasicAuthType ? BasicAuth(clientId, clientSecret) : ClientCredentials(clientId, clientSecret);
    }

    /// <inheritdoc />
    public bool Equals(ClarifyCredential? other) =>
        other is not null && Type == other.Type && ClientId == other.ClientId && ClientSecret == other.ClientSecret;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ClarifyCredential);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, ClientId, ClientSecret);

    /// <summary>Describes the credentials with the secret redacted.</summary>
    public override string ToString() => $"{TypeName} {{ ClientId = {ClientId}, ClientSecret = *** }}";
}
