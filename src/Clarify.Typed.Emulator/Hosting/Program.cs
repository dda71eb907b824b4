using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Emulator.Hosting;

/// <summary>
/// The standalone emulator: <c>dotnet run --project src/Clarify.Typed.Emulator -- [options]</c>.
/// Runs until Ctrl+C and prints what a client needs: the API URL and the credentials.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Clarify emulator: a local Clarify API (OAuth 2.0 token endpoint + JSON-RPC) in memory.

        Options:
          --port N                 TCP port on 127.0.0.1 (default 5099; 0 = any free port)
          --https                  serve https with a self-signed certificate for 127.0.0.1 and localhost,
                                   made at start-up and written to clarify-emulator.pem (see --write-certificate)
          --certificate FILE       serve https with this PEM certificate (and its key, unless --certificate-key)
          --certificate-key FILE   the PEM private key of --certificate
          --write-certificate FILE where to write the served certificate (PEM) for clients to trust
          --credentials FILE       serve the integration and credentials of a clarify-credentials.json
                                   (its apiUrl must be http(s)://127.0.0.1:PORT/... or http(s)://localhost:PORT/...)
          --integration ID         integration id (default c0emu1ator0000000000)
          --client-id ID           client id (default emulator-client)
          --client-secret SECRET   client secret (default emulator-secret)
          --basic-auth             the integration uses basic-auth instead of client-credentials
          --write-credentials FILE write a clarify-credentials.json for this emulator (secret included)
          --show-secret            print the client secret (it is redacted otherwise)
          --token-lifetime SECONDS lifetime of access tokens (default 86400)
          --no-rate-limits         serve every request at once instead of queueing at Clarify's rates
          --quiet                  log nothing per request
          --help                   show this text
        """;

    public static async Task<int> Main(string[] args)
    {
        Arguments parsed;
        try
        {
            parsed = Arguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}\n\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        if (parsed.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }

        using ILoggerFactory loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.AddSimpleConsole(console => console.SingleLine = true);
            logging.SetMinimumLevel(parsed.Quiet ? LogLevel.Warning : LogLevel.Information);
            logging.AddFilter("Microsoft", LogLevel.Warning);
        });

        try
        {
            ClarifyEmulatorOptions options = parsed.ToOptions();
            options.LoggerFactory = loggerFactory;
            await using ClarifyEmulator emulator = await ClarifyEmulator.StartAsync(options).ConfigureAwait(false);
            if (parsed.WriteCredentials is string path)
            {
                await File.WriteAllTextAsync(path, CredentialsFile(emulator.Options)).ConfigureAwait(false);
            }

            string? certificatePath = parsed.CertificateOutput(emulator);
            if (certificatePath is not null && emulator.CertificatePem is string pem)
            {
                await File.WriteAllTextAsync(certificatePath, pem).ConfigureAwait(false);
            }

            Console.WriteLine(Banner(emulator, parsed, certificatePath ?? parsed.CertificatePath));
            using var stop = new CancellationTokenSource();
            using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            void Stop(PosixSignalContext signal)
            {
                signal.Cancel = true;
                stop.Cancel();
            }

            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            return 0;
        }
        catch (ClarifyException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    private static string Banner(ClarifyEmulator emulator, Arguments parsed, string? certificatePath)
    {
        ClarifyOptions o = emulator.Options;
        string secret = parsed.ShowSecret ? o.Credential.ClientSecret : "*** (--show-secret prints it; --write-credentials FILE writes a credentials file)";
        string written = parsed.WriteCredentials is null ? string.Empty : $"\n  credentials file: {Path.GetFullPath(parsed.WriteCredentials)}";
        return $"""
            Clarify emulator listening on {emulator.ApiUrl}
              apiUrl:           {o.ApiUrl}
              integration:      {o.IntegrationId}
              credentials.type: {o.Credential.TypeName}
              clientId:         {o.Credential.ClientId}
              clientSecret:     {secret}
              token endpoint:   {o.TokenUrl}
              RPC endpoint:     {o.RpcUrl}{written}{TrustAdvice(certificatePath)}
            Press Ctrl+C to stop.
            """;
    }

    /// <summary>Where the https certificate is and how common clients trust it; nothing for http.</summary>
    private static string TrustAdvice(string? certificatePath)
    {
        if (certificatePath is null)
        {
            return string.Empty;
        }

        string pem = Path.GetFullPath(certificatePath);
        return $"""

              certificate:      {pem}
              trust it with:    curl --cacert {pem} ...
                                NODE_EXTRA_CA_CERTS={pem} node ...
                                SSL_CERT_FILE={pem} (Python, Go, OpenSSL; REQUESTS_CA_BUNDLE for Python requests)
                                .NET: a handler whose SslOptions.CertificateChainPolicy trusts this file (X509ChainTrustMode.CustomRootTrust)
            """.TrimEnd();
    }

    /// <summary>A clarify-credentials.json as Clarify's admin UI writes it, pointing at the emulator.</summary>
    internal static string CredentialsFile(ClarifyOptions options) => new JsonObject
    {
        ["apiUrl"] = options.ApiUrl.AbsoluteUri,
        ["integration"] = options.IntegrationId,
        ["credentials"] = new JsonObject
        {
            ["type"] = options.Credential.TypeName,
            ["clientId"] = options.Credential.ClientId,
            ["clientSecret"] = options.Credential.ClientSecret,
        },
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private sealed class Arguments
    {
        /// <summary>Where a certificate made at start-up is written when --write-certificate does not say.</summary>
        public const string DefaultCertificateFile = "clarify-emulator.pem";

        public int Port { get; private set; } = 5099;

        public bool Https { get; private set; }

        public string? CertificatePath { get; private set; }

        public string? CertificateKeyPath { get; private set; }

        public string? WriteCertificate { get; private set; }

        public string? CredentialsPath { get; private set; }

        public string? Integration { get; private set; }

        public string? ClientId { get; private set; }

        public string? ClientSecret { get; private set; }

        public bool BasicAuth { get; private set; }

        public string? WriteCredentials { get; private set; }

        public bool ShowSecret { get; private set; }

        public int? TokenLifetimeSeconds { get; private set; }

        public bool NoRateLimits { get; private set; }

        public bool Quiet { get; private set; }

        public bool Help { get; private set; }

        public static Arguments Parse(string[] args)
        {
            var result = new Arguments();
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--port": result.Port = Number(args[i], Value()); break;
                    case "--https": result.Https = true; break;
                    case "--certificate": result.CertificatePath = Value(); break;
                    case "--certificate-key": result.CertificateKeyPath = Value(); break;
                    case "--write-certificate": result.WriteCertificate = Value(); break;
                    case "--credentials": result.CredentialsPath = Value(); break;
                    case "--integration": result.Integration = Value(); break;
                    case "--client-id": result.ClientId = Value(); break;
                    case "--client-secret": result.ClientSecret = Value(); break;
                    case "--basic-auth": result.BasicAuth = true; break;
                    case "--write-credentials": result.WriteCredentials = Value(); break;
                    case "--show-secret": result.ShowSecret = true; break;
                    case "--token-lifetime": result.TokenLifetimeSeconds = Number(args[i], Value()); break;
                    case "--no-rate-limits": result.NoRateLimits = true; break;
                    case "--quiet": result.Quiet = true; break;
                    case "--help" or "-h": result.Help = true; break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }

            return result;
        }

        public ClarifyEmulatorOptions ToOptions()
        {
            ClarifyEmulatorOptions options = CredentialsPath is null ? new ClarifyEmulatorOptions { Port = Port } : ClarifyEmulatorOptions.From(ReadCredentials(CredentialsPath));
            options.IntegrationId = Integration ?? options.IntegrationId;
            string clientId = ClientId ?? options.Credential.ClientId;
            string clientSecret = ClientSecret ?? options.Credential.ClientSecret;
            options.Credential = BasicAuth || options.Credential.Type == ClarifyCredentialType.BasicAuth
                ? ClarifyCredential.BasicAuth(clientId, clientSecret)
                : ClarifyCredential.ClientCredentials(clientId, clientSecret);
            options.UseHttps |= Https || CertificatePath is not null;
            options.CertificatePath = CertificatePath;
            options.CertificateKeyPath = CertificateKeyPath;
            options.EnforceRateLimits = !NoRateLimits;
            if (TokenLifetimeSeconds is int seconds)
            {
                options.TokenLifetime = TimeSpan.FromSeconds(seconds);
            }

            return options;
        }

        /// <summary>Where to write the served certificate: as asked, or by default one made at start-up (a given one is already a file).</summary>
        public string? CertificateOutput(ClarifyEmulator emulator) =>
            emulator.Certificate is null ? null : WriteCertificate ?? (CertificatePath is null ? DefaultCertificateFile : null);

        private static ClarifyOptions ReadCredentials(string path)
        {
            JsonObject file;
            try
            {
                file = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new ClarifyEmulatorException($"{path} must hold a JSON object.");
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                throw new ClarifyEmulatorException($"Cannot read the credentials file {path}: {e.Message}", e);
            }

            return ClarifyOptions.Create(
                Text(file["apiUrl"]),
                Text(file["integration"]),
                Text(file["credentials"]?["type"]),
                Text(file["credentials"]?["clientId"]),
                Text(file["credentials"]?["clientSecret"]),
                Text(file["name"]));
        }

        private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

        private static int Number(string option, string value) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : throw new ArgumentException($"{option} needs a whole number, not '{value}'");
    }
}
