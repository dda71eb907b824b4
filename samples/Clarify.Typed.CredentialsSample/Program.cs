using System;
using Clarify.Typed;

namespace Clarify.Typed.CredentialsSample;

/// <summary>Prints what the generator made of clarify-credentials.json, with the secret redacted.</summary>
internal static class Program
{
    private static void Main()
    {
        // Everything below was checked at compile time: a mistake in the JSON file is a build error.
        Console.WriteLine($"Integration id:   {ClarifyCredentials.IntegrationId}");
        Console.WriteLine($"Name:             {ClarifyCredentials.Name}");
        Console.WriteLine($"Client id:        {ClarifyCredentials.ClientId}");
        Console.WriteLine($"Credentials type: {ClarifyCredentials.CredentialsType}");
        Console.WriteLine($"API URL:          {ClarifyCredentials.ApiUrl}");

        ClarifyOptions options = ClarifyCredentials.Options;
        Console.WriteLine($"Token URL:        {options.TokenUrl}");
        Console.WriteLine($"RPC URL:          {options.RpcUrl}");
        Console.WriteLine(options);
    }
}
