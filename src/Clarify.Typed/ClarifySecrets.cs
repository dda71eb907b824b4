using System;
using System.Globalization;
using Clarify.Typed.Credentials;

namespace Clarify.Typed;

/// <summary>Reads secrets that are kept out of source code, for generated credentials classes.</summary>
public static class ClarifySecrets
{
    /// <summary>Reads a secret from an environment variable.</summary>
    /// <param name="variableName">The environment variable.</param>
    /// <param name="path">The credentials value it stands for, e.g. <c>credentials.clientSecret</c>.</param>
    /// <exception cref="ClarifyConfigurationException">The variable is unset or empty; the message names it.</exception>
    public static string FromEnvironment(string variableName, string path = CredentialRules.ClientSecretPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variableName);
        string? value = Environment.GetEnvironmentVariable(variableName);
        if (value is null || CredentialRules.IsBlank(value))
        {
            throw new ClarifyConfigurationException(
                string.Format(CultureInfo.InvariantCulture, CredentialRules.SecretVariableUnsetFormat, variableName, path));
        }

        return value;
    }
}
