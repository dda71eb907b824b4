using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Clarify.Typed.Benchmarks.HotPath;

/// <summary>How a hand-written token handler keeps callers from fetching at once.</summary>
public enum HandWrittenLocking
{
    /// <summary>One <see cref="SemaphoreSlim"/> taken on every call to check (and, when needed, fetch) the token: correct, but every caller queues through it.</summary>
    SemaphoreOnEveryCall,

    /// <summary>No lock (as pyclarify does): every caller that finds no token fetches one.</summary>
    None,
}

/// <summary>
/// The token handler people write by hand, with a new header value per request, as a baseline
/// for <see cref="Clarify.Typed.Authentication.ClarifyAuthenticationHandler"/>.
/// </summary>
internal sealed class HandWrittenTokenHandler(HttpClient tokenClient, Uri tokenUrl, TimeProvider time, HandWrittenLocking locking) : DelegatingHandler
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;
    private long _tokenRequests;

    public long TokenRequestCount => Interlocked.Read(ref _tokenRequests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string token;
        if (locking == HandWrittenLocking.None)
        {
            token = await CurrentOrFetchAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                token = await CurrentOrFetchAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _lock.Release();
            }
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

    private async ValueTask<string> CurrentOrFetchAsync(CancellationToken cancellationToken)
    {
        if (_token is not null && time.GetUtcNow() < _expiresAt)
        {
            return _token;
        }

        Interlocked.Increment(ref _tokenRequests);
        using var form = new FormUrlEncodedContent(
        [
            new KeyValuePair<string, string>("grant_type", "client_credentials"),
            new KeyValuePair<string, string>("client_id", "hand-written-client"),
            new KeyValuePair<string, string>("client_secret", "hand-written-secret"),
        ]);
        using HttpResponseMessage response = await tokenClient.PostAsync(tokenUrl, form, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        TokenBody body = await response.Content.ReadFromJsonAsync<TokenBody>(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The token endpoint answered no body.");
        _expiresAt = time.GetUtcNow().AddSeconds(body.expires_in - 60);
        _token = body.access_token;
        return _token;
    }

#pragma warning disable IDE1006, CA1812 // The token endpoint's snake_case names, as a hand-written client would map them.
    private sealed record TokenBody(string access_token, double expires_in);
#pragma warning restore IDE1006, CA1812
}
