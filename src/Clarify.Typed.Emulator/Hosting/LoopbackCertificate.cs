using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Clarify.Typed.Emulator.Hosting;

/// <summary>
/// The certificate an https emulator serves: a self-signed one for the loopback names, made at
/// start-up, or one the user gives as PEM files. Clients trust it by its PEM (curl <c>--cacert</c>,
/// <c>NODE_EXTRA_CA_CERTS</c>, <c>SSL_CERT_FILE</c>) or through <see cref="ClarifyEmulator.CreateHttpMessageHandler"/>.
/// </summary>
internal static class LoopbackCertificate
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>
    /// A self-signed P-256 certificate for <c>localhost</c>, <c>127.0.0.1</c> and <c>::1</c>. Its validity
    /// is on the real clock, whatever the emulator's <see cref="TimeProvider"/>: clients check it on theirs.
    /// </summary>
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Clarify emulator", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return Reload(created);
    }

    /// <summary>A certificate and its private key from PEM files (the key may be in the certificate's file).</summary>
    /// <exception cref="ClarifyEmulatorException">A file is missing or holds no usable certificate or key.</exception>
    public static X509Certificate2 Load(string certificatePath, string? keyPath)
    {
        try
        {
            using X509Certificate2 loaded = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            return Reload(loaded);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            string key = keyPath is null ? $"with its private key in the same file" : $"with its private key in {keyPath}";
            throw new ClarifyEmulatorException(
                $"Cannot load the https certificate {certificatePath} ({key}): {e.Message.TrimEnd('.')}. Give a PEM certificate and an unencrypted PEM private key, or leave the certificate out to have one made at start-up.", e);
        }
    }

    /// <summary>The certificate (without its key) as PEM, for a client's trust store.</summary>
    public static string ToPem(X509Certificate2 certificate) => new string(PemEncoding.Write("CERTIFICATE", certificate.RawData)) + "\n";

    /// <summary>
    /// A copy whose private key is imported rather than ephemeral: TLS on Windows cannot use an
    /// ephemeral key, and the same path everywhere keeps the emulator's behaviour one thing.
    /// </summary>
    private static X509Certificate2 Reload(X509Certificate2 certificate)
    {
        byte[] pkcs12 = certificate.Export(X509ContentType.Pkcs12);
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadPkcs12(pkcs12, password: null);
#else
        return new X509Certificate2(pkcs12, (string?)null);
#endif
    }
}
