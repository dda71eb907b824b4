using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Emulator.Authentication;
using Clarify.Typed.Emulator.Hosting;
using Clarify.Typed.Emulator.Data;
using Clarify.Typed.Emulator.Rpc;
using Clarify.Typed.Emulator.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clarify.Typed.Emulator;

/// <summary>
/// A local Clarify: a real HTTP server on 127.0.0.1 with Clarify's OAuth 2.0 token endpoint and
/// JSON-RPC API over an in-memory store. Start one per test (or per test class) and point a
/// client at <see cref="Options"/>:
/// <code>await using var emulator = await ClarifyEmulator.StartAsync();</code>
/// </summary>
public sealed class ClarifyEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;

    private ClarifyEmulator(WebApplication app, EmulatorState state, int port, X509Certificate2? certificate)
    {
        _app = app;
        _state = state;
        Port = port;
        ApiUrl = state.ApiUrl;
        Certificate = certificate;
        CertificatePem = certificate is null ? null : LoopbackCertificate.ToPem(certificate);
        Options = new ClarifyOptions(ApiUrl, state.Options.IntegrationId, state.Options.Credential, "Clarify emulator");
    }

    /// <summary>Ready-made client options: this emulator's API URL, integration id and credentials.</summary>
    public ClarifyOptions Options { get; }

    /// <summary>The API root, e.g. <c>http://127.0.0.1:5099/v1/</c> (or <c>https://</c>); also the expected OAuth audience.</summary>
    public Uri ApiUrl { get; }

    /// <summary>
    /// The certificate an https emulator serves (with <see cref="ClarifyEmulatorOptions.UseHttps"/>),
    /// self-signed unless one was given; null for http. Trust it in a test with
    /// <see cref="CreateHttpMessageHandler"/>, or give <see cref="CertificatePem"/> to another process.
    /// </summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>
    /// <see cref="Certificate"/> as PEM text (no private key), for clients that trust a file:
    /// <c>curl --cacert</c>, <c>NODE_EXTRA_CA_CERTS</c>, <c>SSL_CERT_FILE</c>. Null for http.
    /// </summary>
    public string? CertificatePem { get; }

    /// <summary>The TCP port the emulator listens on (the chosen one when the options said 0).</summary>
    public int Port { get; }

    /// <summary>Faults to inject: rate-limited or failing endpoints, expired tokens.</summary>
    public ClarifyEmulatorFaults Faults => _state.Faults;

    /// <summary>Requests received by the token endpoint, including refused and faulted ones.</summary>
    public int TokenRequestCount => _state.Counters.TokenRequests;

    /// <summary>Access tokens issued.</summary>
    public int IssuedTokenCount => _state.Counters.IssuedTokens;

    /// <summary>Requests received by the RPC endpoint, including refused and faulted ones.</summary>
    public int RpcRequestCount => _state.Counters.RpcRequests;

    /// <summary>Authenticated requests per known method name (a snapshot).</summary>
    public IReadOnlyDictionary<string, int> RpcRequestCountsByMethod => _state.Counters.ByMethod;

    /// <summary>Requests that had to wait for their method's rate limit, in total.</summary>
    public int RateLimitedRequestCount => _state.Counters.Delayed;

    /// <summary>Requests waiting for their method's rate limit right now.</summary>
    public int QueuedRequestCount => _state.Counters.Queued;

    /// <summary>Authenticated requests received for <paramref name="method"/>, e.g. <c>integration.insert</c>.</summary>
    public int GetRpcRequestCount(string method) => _state.Counters.ForMethod(method);

    /// <summary>Values stored by accepted <c>integration.insert</c> calls, a value sent twice counting twice.</summary>
    public long InsertedValueCount
    {
        get
        {
            lock (_state.Store.Gate)
            {
                return _state.Store.InsertedValueCount;
            }
        }
    }

    /// <summary>The values stored for the signal with <paramref name="inputKey"/> by time (a snapshot; empty when there is no such signal).</summary>
    public IReadOnlyDictionary<DateTimeOffset, double> GetSamples(string inputKey)
    {
        lock (_state.Store.Gate)
        {
            return _state.Store.SignalsByInput.TryGetValue(inputKey, out SignalRecord? signal)
                ? signal.Samples.ToDictionary(s => Timestamps.ToDateTimeOffset(s.Key), s => s.Value)
                : new Dictionary<DateTimeOffset, double>();
        }
    }

    /// <summary>
    /// A handler for an <see cref="HttpClient"/> (or <c>ClarifyClient.Create</c>'s <c>primaryHandler</c>)
    /// that trusts this emulator's <see cref="Certificate"/> besides the system's roots, and follows
    /// no redirects. For an http emulator it is a plain handler. The caller owns it.
    /// </summary>
    public HttpMessageHandler CreateHttpMessageHandler()
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (Certificate is not null)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(Certificate);
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        return handler;
    }

    /// <summary>Starts an emulator and returns once it accepts requests.</summary>
    /// <param name="options">Port, credentials, token lifetime, limits, clock and logging; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ClarifyEmulatorException">The options are invalid or the port cannot be bound.</exception>
    public static async Task<ClarifyEmulator> StartAsync(ClarifyEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ClarifyEmulatorOptions();
        options.Validate();
        ILoggerFactory loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var state = new EmulatorState(options, loggerFactory.CreateLogger<ClarifyEmulator>());

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ClarifyEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        X509Certificate2? certificate = !options.UseHttps ? null
            : options.CertificatePath is string path ? LoopbackCertificate.Load(path, options.CertificateKeyPath)
            : LoopbackCertificate.Create();
        void Configure(ListenOptions listen)
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (options.Host == "localhost" && options.Port != 0)
            {
                // Clients may resolve localhost to ::1 first; Kestrel binds both loopbacks (or IPv4 alone where IPv6 is off).
                kestrel.ListenLocalhost(options.Port, Configure);
            }
            else
            {
                kestrel.Listen(IPAddress.Loopback, options.Port, Configure);
            }

            kestrel.AddServerHeader = false;

            // The RPC endpoint enforces its own limit so it can answer with a JSON-RPC error body.
            kestrel.Limits.MaxRequestBodySize = null;
        });

        WebApplication app = builder.Build();
        state.Stopping = app.Lifetime.ApplicationStopping;
        app.MapPost(options.ApiPath + "oauth/token", (RequestDelegate)(context => TokenEndpoint.HandleAsync(context, state)));
        app.MapPost(options.ApiPath + "rpc", (RequestDelegate)(context => RpcEndpoint.HandleAsync(context, state)));

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new ClarifyEmulatorException(
                $"The Clarify emulator could not listen on 127.0.0.1:{options.Port}: {e.Message.TrimEnd('.')}. Choose another port, or 0 for any free one.", e);
        }

        int port = BoundPort(app);
        string scheme = certificate is null ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        state.ApiUrl = new Uri($"{scheme}://{options.Host}:{port}{options.ApiPath}");
        return new ClarifyEmulator(app, state, port, certificate);
    }

    /// <summary>Stops the server and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Describes the emulator without its secret.</summary>
    public override string ToString() => $"ClarifyEmulator {{ ApiUrl = {ApiUrl}, {Options.Credential} }}";

    private static int BoundPort(WebApplication app)
    {
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }
}
