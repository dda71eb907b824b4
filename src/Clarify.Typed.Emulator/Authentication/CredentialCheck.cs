using System;
using System.Security.Cryptography;
using System.Text;

namespace Clarify.Typed.Emulator.Authentication;

/// <summary>Compares presented credentials with the configured ones without leaking timing, and reads HTTP Basic ones.</summary>
internal static class CredentialCheck
{
    public static bool Matches(ClarifyCredential expected, string? clientId, string? clientSecret) =>
        clientId is not null && clientSecret is not null
        && Same(expected.ClientId, clientId)
        && Same(expected.ClientSecret, clientSecret);

    /// <summary>The user and password of an HTTP Basic parameter (<c>base64(user:password)</c>), or nulls when it is not one.</summary>
    public static (string? User, string? Password) DecodeBasic(string parameter)
    {
        try
        {
            string decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            int colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    private static bool Same(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
