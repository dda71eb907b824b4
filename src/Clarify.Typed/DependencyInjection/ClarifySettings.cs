using System.Collections.Generic;
using Clarify.Typed.Credentials;
using Microsoft.Extensions.Configuration;

namespace Clarify.Typed.DependencyInjection;

/// <summary>
/// The mutable, configuration-shaped form of <see cref="ClarifyOptions"/>: compiled values
/// are copied in first, then each key present in configuration overrides its field. Keys
/// mirror <c>clarify-credentials.json</c>: <c>ApiUrl</c>, <c>Integration</c>, <c>Name</c>,
/// <c>Credentials:Type</c>, <c>Credentials:ClientId</c>, <c>Credentials:ClientSecret</c>
/// (so the secret can come from <c>Clarify__Credentials__ClientSecret</c> or user secrets).
/// </summary>
public sealed class ClarifySettings : IClarifyOptionsRules
{
    /// <summary>The API root; defaults to <c>https://api.clarify.io/v1/</c>.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>The integration id.</summary>
    public string? Integration { get; set; }

    /// <summary>The integration's display name.</summary>
    public string? Name { get; set; }

    /// <summary><c>client-credentials</c> (default) or <c>basic-auth</c>.</summary>
    public string? CredentialsType { get; set; }

    /// <summary>The OAuth client id or Basic user.</summary>
    public string? ClientId { get; set; }

    /// <summary>The OAuth client secret or Basic password. Never logged or shown.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Copies every field of compiled or hand-made options.</summary>
    public void CopyFrom(ClarifyOptions options)
    {
        ApiUrl = options.ApiUrl.AbsoluteUri;
        Integration = options.IntegrationId;
        Name = options.Name;
        CredentialsType = options.Credential.TypeName;
        ClientId = options.Credential.ClientId;
        ClientSecret = options.Credential.ClientSecret;
    }

    /// <summary>Overrides each field whose key is present in <paramref name="section"/>; absent keys keep their value.</summary>
    public void OverrideFrom(IConfiguration section)
    {
        ApiUrl = section["ApiUrl"] ?? ApiUrl;
        Integration = section["Integration"] ?? section["IntegrationId"] ?? Integration;
        Name = section["Name"] ?? Name;
        CredentialsType = section["Credentials:Type"] ?? CredentialsType;
        ClientId = section["Credentials:ClientId"] ?? ClientId;
        ClientSecret = section["Credentials:ClientSecret"] ?? ClientSecret;
    }

    /// <summary>Every problem with these settings, worded as the source generator words them.</summary>
    public IReadOnlyList<string> Validate() => CredentialRules.ErrorMessages(ApiUrl, Integration, CredentialsType, ClientId, ClientSecret);

    /// <inheritdoc/>
    IReadOnlyList<string> IClarifyOptionsRules.Problems() => Validate();

    /// <summary>Builds validated options.</summary>
    /// <exception cref="ClarifyConfigurationException">The settings break a rule.</exception>
    public ClarifyOptions ToOptions() => ClarifyOptions.Create(ApiUrl, Integration, CredentialsType, ClientId, ClientSecret, Name);

    /// <summary>Describes the settings with the secret redacted.</summary>
    public override string ToString() =>
        $"ClarifySettings {{ ApiUrl = {ApiUrl}, Integration = {Integration}, Name = {Name}, CredentialsType = {CredentialsType}, ClientId = {ClientId}, ClientSecret = {(ClientSecret is null ? "(unset)" : "***")} }}";
}
