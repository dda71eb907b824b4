using System;
using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Benchmarks.Loopback;

/// <summary>
/// The smallest Clarify look-alike that keeps a real client honest: a token endpoint and a
/// JSON-RPC endpoint on 127.0.0.1 that answer fixed, small bodies. It reads only the start of a
/// request body (to echo <c>id</c> and pick the result by <c>method</c>, which every client
/// writes first) and drains the rest without keeping it, so large inserts cost the server little.
/// </summary>
internal static class LoopbackEndpoints
{
    public const string ApiPath = "/v1/";


    private static readonly byte[] TokenResponse =
        """{"access_token":"loopback-benchmark-token","scope":"benchmark","expires_in":86400,"token_type":"Bearer"}"""u8.ToArray();

    private static readonly byte[] SelectionResult = """{"meta":{"total":0,"format":{"dataAsArray":true}},"data":[]}"""u8.ToArray();

    private static readonly byte[] InsertResult = """{"signalsByInput":{}}"""u8.ToArray();

    private static long _tokenRequests;
    private static long _rpcRequests;
    private static long _rpcBytes;

    public static WebApplication Build()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
        });
        WebApplication app = builder.Build();
        app.Run(HandleAsync);
        return app;
    }

    private static Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? string.Empty;
        return path switch
        {
            "/v1/oauth/token" => TokenAsync(context),
            "/v1/rpc" when context.Request.Headers.Authorization.Count == 0 => Unauthorized(context),
            "/v1/rpc" => RpcAsync(context),
            "/stats/token-requests" => WriteCountAsync(context, ref _tokenRequests),
            "/stats/rpc-requests" => WriteCountAsync(context, ref _rpcRequests),
            "/stats/rpc-bytes" => WriteCountAsync(context, ref _rpcBytes),
            _ => NotFound(context),
        };
    }

    private static async Task TokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        await DrainAsync(context.Request.BodyReader, null).ConfigureAwait(false);
        await WriteAsync(context, TokenResponse).ConfigureAwait(false);
    }

    private static async Task RpcAsync(HttpContext context)
    {
        byte[] prefix = ArrayPool<byte>.Shared.Rent(JsonRpcEnvelopeStart.PrefixBytes);
        try
        {
            (int prefixLength, long bodyLength) = await DrainAsync(context.Request.BodyReader, prefix).ConfigureAwait(false);
            Interlocked.Increment(ref _rpcRequests);
            Interlocked.Add(ref _rpcBytes, bodyLength);
            (string? id, string? method) = JsonRpcEnvelopeStart.Read(prefix.AsSpan(0, prefixLength));
            byte[] result = method == "integration.insert" ? InsertResult : SelectionResult;
            byte[] body = Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":{{id ?? "null"}},"result":""");
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length + result.Length + 1;
            await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
            await context.Response.Body.WriteAsync(result).ConfigureAwait(false);
            await context.Response.Body.WriteAsync("}"u8.ToArray()).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(prefix);
        }
    }

    /// <summary>Reads the whole body, copying its first bytes into <paramref name="prefix"/>; returns how many were copied, and the body's length.</summary>
    private static async Task<(int Copied, long Length)> DrainAsync(PipeReader reader, byte[]? prefix)
    {
        int copied = 0;
        long length = 0;
        while (true)
        {
            ReadResult read = await reader.ReadAsync().ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = read.Buffer;
            if (prefix is not null && copied < prefix.Length)
            {
                ReadOnlySequence<byte> head = buffer.Slice(0, Math.Min(buffer.Length, prefix.Length - copied));
                head.CopyTo(prefix.AsSpan(copied));
                copied += (int)head.Length;
            }

            length += buffer.Length;
            reader.AdvanceTo(buffer.End);
            if (read.IsCompleted)
            {
                return (copied, length);
            }
        }
    }

    private static Task WriteCountAsync(HttpContext context, ref long counter) =>
        WriteAsync(context, Encoding.UTF8.GetBytes(Interlocked.Read(ref counter).ToString(CultureInfo.InvariantCulture)));

    private static async Task WriteAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    /// <summary>A client whose auth layer failed to add a token must not be measured as if it had worked.</summary>
    private static Task Unauthorized(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
