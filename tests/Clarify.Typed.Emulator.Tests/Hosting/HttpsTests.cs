using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests.Hosting;

public sealed class HttpsTests
{
    [Fact]
    public async Task Http_stays_the_default()
    {
        await using ClarifyEmulator emulator = await ClarifyEmulator.StartAsync();

        Assert.Equal(Uri.UriSchemeHttp, emulator.ApiUrl.Scheme);
        Assert.Null(emulator.Certificate);
        Assert.Null(emulator.CertificatePem);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task An_https_emulator_serves_a_certificate_made_at_start_up_that_its_handler_trusts(string host)
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync(o =>
        {
            o.UseHttps = true;
            o.Host = host;
        });

        JsonObject items = await client.ResultAsync("clarify.selectItems");

        ClarifyEmulator emulator = client.Emulator;
        Assert.Equal($"https://{host}:{emulator.Port}/v1/", emulator.ApiUrl.AbsoluteUri);
        Assert.Empty(items["data"]!.AsArray());
        X509Certificate2 certificate = Assert.IsType<X509Certificate2>(emulator.Certificate);
        string names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().Format(false);
        Assert.Contains("localhost", names, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", names, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_certificate_is_not_trusted_without_being_asked_for()
    {
        await using ClarifyEmulator emulator = await ClarifyEmulator.StartAsync(new ClarifyEmulatorOptions { UseHttps = true });
        using var http = new HttpClient();

        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(emulator.Options.TokenUrl, new StringContent(string.Empty)));

        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Equal(0, emulator.TokenRequestCount);
    }

    [Fact]
    public async Task The_pem_holds_the_served_certificate_without_its_key()
    {
        await using ClarifyEmulator emulator = await ClarifyEmulator.StartAsync(new ClarifyEmulatorOptions { UseHttps = true });

        using X509Certificate2 fromPem = X509Certificate2.CreateFromPem(emulator.CertificatePem);

        Assert.StartsWith("-----BEGIN CERTIFICATE-----", emulator.CertificatePem, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", emulator.CertificatePem, StringComparison.Ordinal);
        Assert.Equal(emulator.Certificate!.Thumbprint, fromPem.Thumbprint);
    }

    [Fact]
    public async Task A_certificate_given_by_path_is_served()
    {
        string folder = Directory.CreateTempSubdirectory("clarify-emulator-tests-").FullName;
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=given", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using X509Certificate2 given = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            string certificatePath = Path.Combine(folder, "cert.pem");
            string keyPath = Path.Combine(folder, "key.pem");
            await File.WriteAllTextAsync(certificatePath, given.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());

            await using ClarifyEmulator emulator = await ClarifyEmulator.StartAsync(new ClarifyEmulatorOptions { UseHttps = true, CertificatePath = certificatePath, CertificateKeyPath = keyPath });
            using var http = new HttpClient(emulator.CreateHttpMessageHandler());
            using HttpResponseMessage response = await http.PostAsync(emulator.Options.RpcUrl, new StringContent("{}"));

            Assert.Equal(given.Thumbprint, emulator.Certificate!.Thumbprint);
            Assert.Equal(401, (int)response.StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_loaded_is_a_clear_error()
    {
        string missing = Path.Combine(Path.GetTempPath(), "clarify-emulator-no-such-cert.pem");

        ClarifyEmulatorException error = await Assert.ThrowsAsync<ClarifyEmulatorException>(
            () => ClarifyEmulator.StartAsync(new ClarifyEmulatorOptions { UseHttps = true, CertificatePath = missing }));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_without_https_is_refused()
    {
        ClarifyEmulatorException error = await Assert.ThrowsAsync<ClarifyEmulatorException>(
            () => ClarifyEmulator.StartAsync(new ClarifyEmulatorOptions { CertificatePath = "cert.pem" }));

        Assert.Contains("UseHttps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_an_https_loopback_url_serves_https()
    {
        var credentials = ClarifyOptions.Create("https://127.0.0.1:5443/v1/", "c0jd1g6qnk1emp4tq2ag", "client-credentials", "id", "secret");

        ClarifyEmulatorOptions options = ClarifyEmulatorOptions.From(credentials);

        Assert.True(options.UseHttps);
        Assert.Equal(5443, options.Port);
    }

    [Fact]
    public async Task Tokens_of_an_https_emulator_name_its_https_url()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync(o => o.UseHttps = true);

        JsonObject claims = Authentication.AccessTokenTests.Decode((await client.GetTokenAsync()).Split('.')[1]);

        Assert.Equal($"https://127.0.0.1:{client.Emulator.Port}/", claims["iss"]!.GetValue<string>());
        Assert.Equal(client.Emulator.ApiUrl.AbsoluteUri, claims["aud"]![0]!.GetValue<string>());
    }
}
