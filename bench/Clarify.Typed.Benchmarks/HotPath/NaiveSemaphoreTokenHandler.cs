using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Benchmarks.HotPath;

/// <summary>
/// The token handler people write by hand: one <see cref="SemaphoreSlim"/> taken on every call
/// to check (and, when needed, fetch) the token, and a new header value per request. It is
/// correct (one fetch at a time) but serialises every caller through the lock.
/// </summary>
internal sealed class NaiveSemaphoreTokenHandler(HttpClient tokenClient, Uri tokenUrl, TimeProvider time) : DelegatingHandler
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string token;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is null || time.GetUtcNow() >= _expiresAt)
            {
                using var form = new FormUrlEncodedContent(
                [
                    new KeyValuePair<string, string>("grant_type", "client_credentials"),
                    new KeyValuePair<string, string>("client_id", "naive-client"),
                    new KeyValuePair<string, string>("client_secret", "naive-secret"),
                ]);
                using HttpResponseMessage response = await tokenClient.PostAsync(tokenUrl, form, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                TokenBody body = await response.Content.ReadFromJsonAsync<TokenBody>(cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The token endpoint answered no body.");
                _token = body.access_token;
                _expiresAt = time.GetUtcNow().AddSeconds(body.expires_in - 60);
            }

            token = _token!;
        }
        finally
        {
            _lock.Release();
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _lock.Dispose();
        }

        base.Dispose(disposing);
    }

#pragma warning disable IDE1006, CA1812, SA1300 // The token endpoint's snake_case names, as a hand-written client would map them.
    private sealed record TokenBody(string access_token, double expires_in);
#pragma warning restore IDE1006, CA1812, SA1300
}
