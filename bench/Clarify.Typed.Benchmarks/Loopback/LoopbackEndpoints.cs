using System;
using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json;
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

    /// <summary>The longest body prefix searched for <c>id</c> and <c>method</c>.</summary>
    private const int PrefixBytes = 512;

    private static readonly byte[] TokenResponse =
        """{"access_token":"loopback-benchmark-token","scope":"benchmark","expires_in":86400,"token_type":"Bearer"}"""u8.ToArray();

    private static readonly byte[] SelectionResult = """{"meta":{"total":0,"format":{"dataAsArray":true}},"data":[]}"""u8.ToArray();

    private static readonly byte[] InsertResult = """{"signalsByInput":{}}"""u8.ToArray();

    private static long _tokenRequests;

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
            "/stats/token-requests" => WriteAsync(context, Encoding.UTF8.GetBytes(Interlocked.Read(ref _tokenRequests).ToString(CultureInfo.InvariantCulture))),
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
        byte[] prefix = ArrayPool<byte>.Shared.Rent(PrefixBytes);
        try
        {
            int prefixLength = await DrainAsync(context.Request.BodyReader, prefix).ConfigureAwait(false);
            (string? id, string? method) = ReadEnvelopeStart(prefix.AsSpan(0, prefixLength));
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

    /// <summary>Reads the whole body, copying its first bytes into <paramref name="prefix"/>; returns how many were copied.</summary>
    private static async Task<int> DrainAsync(PipeReader reader, byte[]? prefix)
    {
        int copied = 0;
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

            reader.AdvanceTo(buffer.End);
            if (read.IsCompleted)
            {
                return copied;
            }
        }
    }

    /// <summary>The raw JSON of the top-level <c>id</c> and the <c>method</c>, from a possibly cut-off body start.</summary>
    private static (string? Id, string? Method) ReadEnvelopeStart(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, state: default);
        string? id = null;
        string? method = null;
        try
        {
            while (reader.Read() && (id is null || method is null))
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                if (reader.ValueTextEquals("id"u8) && reader.Read())
                {
                    id = reader.TokenType == JsonTokenType.String
                        ? JsonSerializer.Serialize(reader.GetString())
                        : Encoding.UTF8.GetString(reader.ValueSpan);
                }
                else if (reader.ValueTextEquals("method"u8) && reader.Read())
                {
                    method = reader.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // A prefix cut inside a token: whatever was found before it is all there is.
        }

        return (id, method);
    }

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
