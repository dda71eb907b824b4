namespace Clarify.Typed.DependencyInjection;

/// <summary>One registered integration: its name and the names of its two HTTP clients.</summary>
internal sealed record ClarifyRegistration(string Name)
{
    /// <summary>The authenticated client for RPC and user-declared interfaces.</summary>
    public string ApiClientName => "Clarify.Api:" + Name;

    /// <summary>The plain client that talks to the token endpoint; it must never carry the auth handler.</summary>
    public string TokenClientName => "Clarify.Token:" + Name;
}
