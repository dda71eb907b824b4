using System;
using System.Collections.Generic;
using Clarify.Typed.Credentials;

namespace Clarify.Typed;

/// <summary>
/// Where a Clarify integration lives and how it authenticates: the values of a
/// <c>clarify-credentials.json</c> file. The source generator builds one at compile time;
/// it can also be created by hand, and it is validated with the same rules either way.
/// </summary>
public sealed class ClarifyOptions : IEquatable<ClarifyOptions>
{
    /// <summary>Clarify's production API, <c>https://api.clarify.io/v1/</c>.</summary>
    public static Uri DefaultApiUrl { get; } = new(CredentialRules.DefaultApiUrl);

    /// <summary>Creates and validates options.</summary>
    /// <param name="apiUrl">The API root; normalised to exactly one trailing slash.</param>
    /// <param name="integrationId">The integration id (<c>integration</c> in the file).</param>
    /// <param name="credential">How to authenticate.</param>
    /// <param name="name">The integration's display name, if known.</param>
    /// <exception cref="ClarifyConfigurationException">A value breaks a rule; the message lists every problem.</exception>
    public ClarifyOptions(Uri apiUrl, string integrationId, ClarifyCredential credential, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        ArgumentNullException.ThrowIfNull(integrationId);
        ArgumentNullException.ThrowIfNull(credential);

        List<string> errors = CredentialRules.ErrorMessages(
            apiUrl.OriginalString, integrationId, credential.TypeName, credential.ClientId, credential.ClientSecret);
        if (errors.Count > 0)
        {
            throw new ClarifyConfigurationException(errors);
        }

        ApiUrl = new Uri(CredentialRules.NormalizeApiUrl(apiUrl.OriginalString), UriKind.Absolute);
        IntegrationId = integrationId;
        Credential = credential;
        Name = name;
        TokenUrl = new Uri(ApiUrl, "oauth/token");
        RpcUrl = new Uri(ApiUrl, "rpc");
    }

    /// <summary>Creates options from the text values of a credentials file.</summary>
    /// <exception cref="ClarifyConfigurationException">A value is missing or breaks a rule.</exception>
    public static ClarifyOptions Create(string? apiUrl, string? integrationId, string? credentialsType, string? clientId, string? clientSecret, string? name = null)
    {
        List<string> problems = CredentialRules.ErrorMessages(apiUrl, integrationId, credentialsType, clientId, clientSecret);
        if (problems.Count > 0)
        {
            throw new ClarifyConfigurationException(problems);
        }

        ClarifyCredential credential = ClarifyCredential.FromTypeName(credentialsType ?? CredentialRules.ClientCredentialsType, clientId!, clientSecret!);
        return new ClarifyOptions(new Uri(apiUrl ?? CredentialRules.DefaultApiUrl, UriKind.Absolute), integrationId!, credential, name);
    }

    /// <summary>The API root, always ending in exactly one <c>/</c>.</summary>
    public Uri ApiUrl { get; }

    /// <summary>The integration id.</summary>
    public string IntegrationId { get; }

    /// <summary>The credentials; <see cref="ClarifyCredential.ToString"/> redacts the secret.</summary>
    public ClarifyCredential Credential { get; }

    /// <summary>The integration's display name, when the credentials file has one.</summary>
    public string? Name { get; }

    /// <summary>The OAuth 2.0 token endpoint, <c>{ApiUrl}oauth/token</c>.</summary>
    public Uri TokenUrl { get; }

    /// <summary>The JSON-RPC endpoint, <c>{ApiUrl}rpc</c>.</summary>
    public Uri RpcUrl { get; }

    /// <summary>
    /// Whether the api URL's host is a loopback address (<c>localhost</c>, 127.0.0.0/8, ::1), as
    /// for a local emulator; only such a host may use plain http.
    /// </summary>
    public bool IsLoopback => CredentialRules.IsLoopbackHost(ApiUrl.Host);

    /// <summary>The OAuth audience: the API URL as text.</summary>
    public string Audience => ApiUrl.AbsoluteUri;

    /// <inheritdoc />
    public bool Equals(ClarifyOptions? other) =>
        other is not null && ApiUrl == other.ApiUrl && IntegrationId == other.IntegrationId && Credential.Equals(other.Credential) && Name == other.Name;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ClarifyOptions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ApiUrl, IntegrationId, Credential);

    /// <summary>Describes the options with the secret redacted.</summary>
    public override string ToString() =>
        $"ClarifyOptions {{ ApiUrl = {ApiUrl}, IntegrationId = {IntegrationId}, Name = {Name ?? "(none)"}, Credential = {Credential} }}";
}
