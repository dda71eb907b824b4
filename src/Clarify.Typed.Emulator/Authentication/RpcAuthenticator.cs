using System;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Clarify.Typed.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace Clarify.Typed.Emulator.Authentication;

/// <summary>
/// Who may call the RPC endpoint: a valid, unexpired bearer token for client-credentials
/// integrations, or HTTP Basic client id and secret for basic-auth integrations.
/// </summary>
internal static class RpcAuthenticator
{
    /// <summary>Null when the request is authenticated, else why not (the <c>error_description</c> of the 401).</summary>
    public static async Task<string?> RefusalAsync(HttpContext context, EmulatorState state)
    {
        string? header = context.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !AuthenticationHeaderValue.TryParse(header, out AuthenticationHeaderValue? value) || value.Parameter is null)
        {
            return "The Authorization header is missing or malformed";
        }

        ClarifyCredential credential = state.Options.Credential;
        bool basicIntegration = credential.Type == ClarifyCredentialType.BasicAuth;
        if (value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return basicIntegration ? "This integration uses basic-auth; send HTTP Basic credentials"
                : await state.Tokens.CheckAsync(value.Parameter, state.ApiUrl).ConfigureAwait(false) switch
                {
                    TokenState.Valid => null,
                    TokenState.Expired => "The access token expired; fetch a new one",
                    TokenState.WrongAudience => $"The access token is for another API; its audience must be {state.ApiUrl.AbsoluteUri}",
                    _ => "The access token is not one this server issued",
                };
        }

        if (value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (!basicIntegration)
            {
                return "This integration uses client-credentials; send a Bearer token from oauth/token";
            }

            (string? user, string? password) = CredentialCheck.DecodeBasic(value.Parameter);
            return CredentialCheck.Matches(credential, user, password) ? null : "Wrong client id or secret in HTTP Basic credentials";
        }

        return $"Unsupported authorization scheme '{value.Scheme}'; use Bearer or Basic";
    }

    /// <summary>The <c>WWW-Authenticate</c> challenge matching the integration's credential type.</summary>
    public static string Challenge(EmulatorState state, string description) =>
        state.Options.Credential.Type == ClarifyCredentialType.BasicAuth
            ? "Basic realm=\"clarify\""
            : $"Bearer realm=\"clarify\", error=\"invalid_token\", error_description=\"{description}\"";
}
