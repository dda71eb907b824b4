using System.Text.Json.Serialization;

namespace Clarify.Typed.Authentication;

/// <summary>Source-generated JSON metadata for the token endpoint, so no reflection is needed.</summary>
[JsonSerializable(typeof(TokenEndpointResponse))]
internal sealed partial class AuthenticationJsonContext : JsonSerializerContext
{
}
