using System.Text.Json.Serialization;

namespace Clarify.Typed.Authentication;

/// <summary>
/// The body of a token endpoint answer: the fields of a token (RFC 6749 §5.1) and of an OAuth
/// error (§5.2) in one shape, since a broken server can mix them and both must be inspected.
/// Every field is optional here; <see cref="TokenEndpoint"/> decides what is missing.
/// </summary>
internal sealed class TokenEndpointResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }

    [JsonPropertyName("expires_in")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public double? ExpiresIn { get; set; }

    [JsonPropertyName("scope")]
    public string? Scope { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; set; }
}
