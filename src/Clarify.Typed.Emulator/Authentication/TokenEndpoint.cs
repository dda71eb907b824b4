using System;
using System.Net;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Clarify.Typed.Emulator.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Clarify.Typed.Emulator.Authentication;

/// <summary>
/// <c>POST {apiUrl}oauth/token</c>: the OAuth 2.0 client-credentials grant. The client id and
/// secret come in the form (as pyclarify and <c>@clarify/api</c> send them) or in an HTTP Basic
/// header (RFC 6749 §2.3.1, which clarify-go's OAuth library tries first). Errors follow
/// RFC 6749: <c>invalid_request</c> (400), <c>unsupported_grant_type</c> (400),
/// <c>unauthorized_client</c> (400, basic-auth integration), <c>invalid_client</c> (401).
/// </summary>
internal static class TokenEndpoint
{
    public const string Scope = "integration,admin,clarify";

    public static async Task HandleAsync(HttpContext context, EmulatorState state)
    {
        state.Counters.TokenRequest();
        if (await HttpResponses.TryInjectFault(context, state.Faults.TakeTokenFault(), state, "oauth/token").ConfigureAwait(false))
        {
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        if (!context.Request.HasFormContentType)
        {
            await Refuse(context, state, 400, "invalid_request", "The body must be application/x-www-form-urlencoded").ConfigureAwait(false);
            return;
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string? grantType = Single(form, "grant_type");
        (string? clientId, string? clientSecret, bool twice) = ClientCredentials(context.Request, form);
        string? audience = Single(form, "audience");
        string expectedAudience = state.ApiUrl.AbsoluteUri;
        ClarifyCredential credential = state.Options.Credential;

        (int Status, string Error, string Description)? refusal =
            grantType is null ? (400, "invalid_request", "grant_type is missing")
            : grantType != "client_credentials" ? (400, "unsupported_grant_type", "grant_type must be client_credentials")
            : twice ? (400, "invalid_request", "Send the client credentials either in the form or in an HTTP Basic header, not both")
            : clientId is null || clientSecret is null ? (400, "invalid_request", "client_id and client_secret are required (in the form or an HTTP Basic header)")
            : !CredentialCheck.Matches(credential, clientId, clientSecret) ? (401, "invalid_client", "Unknown client_id or wrong client_secret")
            : credential.Type == ClarifyCredentialType.BasicAuth ? (400, "unauthorized_client", "This integration uses basic-auth: send HTTP Basic credentials to the RPC endpoint instead of fetching a token")
            : audience is null ? (400, "invalid_request", $"audience is missing; it must be the API URL {expectedAudience}")
            : !string.Equals(audience, expectedAudience, StringComparison.Ordinal) ? (400, "invalid_request", $"audience must be the API URL {expectedAudience} (with its trailing slash)")
            : null;
        if (refusal is var (status, error, description))
        {
            await Refuse(context, state, status, error, description).ConfigureAwait(false);
            return;
        }

        string token = state.Tokens.Issue(clientId!, state.ApiUrl, Scope);
        state.Counters.TokenIssued();
        Log.TokenIssued(state.Logger, clientId!, state.Options.TokenLifetime.TotalSeconds);
        await HttpResponses.Json(context, 200, new System.Text.Json.Nodes.JsonObject
        {
            ["access_token"] = token,
            ["scope"] = Scope,
            ["expires_in"] = (long)state.Options.TokenLifetime.TotalSeconds,
            ["token_type"] = "Bearer",
        }).ConfigureAwait(false);
    }

    private static Task Refuse(HttpContext context, EmulatorState state, int status, string error, string description)
    {
        Log.TokenRefused(state.Logger, error, description);
        return HttpResponses.OAuthError(context, status, error, description);
    }

    /// <summary>The client id and secret from the form or, form-urlencoded (RFC 6749 §2.3.1), from HTTP Basic; whether both were sent.</summary>
    private static (string? ClientId, string? ClientSecret, bool Twice) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        string? clientId = Single(form, "client_id");
        string? clientSecret = Single(form, "client_secret");
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out AuthenticationHeaderValue? header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return (clientId, clientSecret, false);
        }

        if (clientSecret is not null)
        {
            return (clientId, clientSecret, true);
        }

        (string? user, string? password) = CredentialCheck.DecodeBasic(header.Parameter);
        return user is null || password is null ? (null, null, false) : (WebUtility.UrlDecode(user), WebUtility.UrlDecode(password), false);
    }

    private static string? Single(IFormCollection form, string name) =>
        form.TryGetValue(name, out StringValues values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
}
