using System;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Emulator;

/// <summary>How a <see cref="ClarifyEmulator"/> listens, which integration it serves and how strict it is.</summary>
public sealed class ClarifyEmulatorOptions
{
    /// <summary>The integration id the emulator serves when none is given.</summary>
    public const string DefaultIntegrationId = "c0emu1ator0000000000";

    /// <summary>The client id the emulator accepts when none is given.</summary>
    public const string DefaultClientId = "emulator-client";

    /// <summary>The client secret the emulator accepts when none is given. Only for local use.</summary>
    public const string DefaultClientSecret = "emulator-secret";

    /// <summary>The documented request limit of Clarify: 8 MiB of uncompressed JSON.</summary>
    public const long DefaultMaxRequestBodySize = 8L * 1024 * 1024;

    /// <summary>The TCP port on 127.0.0.1; 0 (the default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The host name in <see cref="ClarifyEmulator.ApiUrl"/> and the expected OAuth audience:
    /// <c>127.0.0.1</c> (default) or <c>localhost</c>. The server binds 127.0.0.1, and also ::1 for
    /// <c>localhost</c> on a fixed port.
    /// </summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>
    /// Whether the emulator serves https instead of http (default false). It uses
    /// <see cref="CertificatePath"/> when given, else a self-signed certificate for
    /// <c>localhost</c>, <c>127.0.0.1</c> and <c>::1</c> made at start-up; clients trust it through
    /// <see cref="ClarifyEmulator.Certificate"/> or <see cref="ClarifyEmulator.CreateHttpMessageHandler"/>.
    /// </summary>
    public bool UseHttps { get; set; }

    /// <summary>
    /// With <see cref="UseHttps"/>: a PEM file with the certificate to serve, and its unencrypted
    /// private key unless <see cref="CertificateKeyPath"/> names another file. Null (the default)
    /// makes a self-signed certificate at start-up.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM file with the private key of <see cref="CertificatePath"/>, when it is not in the same file.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>The path of the API root, with leading and trailing slash; default <c>/v1/</c>.</summary>
    public string ApiPath { get; set; } = "/v1/";

    /// <summary>The integration id clients must use in <c>integration</c> parameters.</summary>
    public string IntegrationId { get; set; } = DefaultIntegrationId;

    /// <summary>
    /// The credentials the emulator accepts: client credentials (a token from
    /// <c>oauth/token</c>) or basic-auth (HTTP Basic on every RPC request).
    /// </summary>
    public ClarifyCredential Credential { get; set; } = ClarifyCredential.ClientCredentials(DefaultClientId, DefaultClientSecret);

    /// <summary>The lifetime of issued access tokens (<c>expires_in</c>); default 86400 s, as Clarify.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(86400);

    /// <summary>
    /// Whether Clarify's per-method rate limits apply (default true): requests over the
    /// limit wait their turn, as on the real server. Turn off for fast bulk tests.
    /// </summary>
    public bool EnforceRateLimits { get; set; } = true;

    /// <summary>The largest accepted RPC request body in bytes; default 8 MiB.</summary>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    /// <summary>The clock for token expiry and rate limits; use a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the emulator logs; null (default) logs nothing. Secrets and tokens are never logged.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Options that serve the same integration and credentials as <paramref name="options"/>,
    /// on the scheme, port and path of its loopback API URL: point a client built from a
    /// <c>clarify-credentials.json</c> at the emulator without changing the file. An https URL
    /// turns on <see cref="UseHttps"/>.
    /// </summary>
    /// <exception cref="ClarifyEmulatorException">The API URL is not on a loopback host.</exception>
    public static ClarifyEmulatorOptions From(ClarifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Uri apiUrl = options.ApiUrl;
        if (!apiUrl.IsLoopback)
        {
            throw new ClarifyEmulatorException(
                $"The emulator can only serve a loopback API URL such as http://127.0.0.1:5099/v1/, but the options have {apiUrl}. " +
                "Use credentials whose apiUrl points at 127.0.0.1 or localhost, or start the emulator with a port and use its Options.");
        }

        return new ClarifyEmulatorOptions
        {
            UseHttps = apiUrl.Scheme == Uri.UriSchemeHttps,
            Port = apiUrl.Port,
            Host = apiUrl.Host,
            ApiPath = apiUrl.AbsolutePath,
            IntegrationId = options.IntegrationId,
            Credential = options.Credential,
        };
    }

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ClarifyEmulatorException($"ClarifyEmulatorOptions.Port must be 0 (any free port) or 1-65535, but is {Port}.");
        }

        if (!ApiPath.StartsWith('/') || !ApiPath.EndsWith('/'))
        {
            throw new ClarifyEmulatorException($"ClarifyEmulatorOptions.ApiPath must start and end with '/', e.g. \"/v1/\", but is \"{ApiPath}\".");
        }

        if (Host is not ("127.0.0.1" or "localhost"))
        {
            throw new ClarifyEmulatorException($"ClarifyEmulatorOptions.Host must be \"127.0.0.1\" or \"localhost\" (the emulator binds loopback only), but is \"{Host}\".");
        }

        if (TokenLifetime <= TimeSpan.Zero)
        {
            throw new ClarifyEmulatorException($"ClarifyEmulatorOptions.TokenLifetime must be positive, but is {TokenLifetime}.");
        }

        if (MaxRequestBodySize <= 0)
        {
            throw new ClarifyEmulatorException($"ClarifyEmulatorOptions.MaxRequestBodySize must be positive, but is {MaxRequestBodySize}.");
        }

        if (!UseHttps && (CertificatePath is not null || CertificateKeyPath is not null))
        {
            throw new ClarifyEmulatorException("ClarifyEmulatorOptions.CertificatePath is set but UseHttps is false: set UseHttps to serve https with that certificate.");
        }

        if (CertificateKeyPath is not null && CertificatePath is null)
        {
            throw new ClarifyEmulatorException("ClarifyEmulatorOptions.CertificateKeyPath is set without CertificatePath: give the certificate's PEM file too.");
        }

        ArgumentNullException.ThrowIfNull(IntegrationId);
        ArgumentNullException.ThrowIfNull(Credential);
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
