using System.Security.Cryptography;
using System.Text;

namespace Clarify.Typed.Emulator.Authentication;

/// <summary>Compares presented credentials with the configured ones without leaking timing.</summary>
internal static class CredentialCheck
{
    public static bool Matches(ClarifyCredential expected, string? clientId, string? clientSecret) =>
        clientId is not null && clientSecret is not null
        && Same(expected.ClientId, clientId)
        && Same(expected.ClientSecret, clientSecret);

    private static bool Same(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
