namespace Clarify.Typed.Generators.Model
{
    /// <summary>
    /// One credentials file as the first pipeline step reads it: its path, text (null when it
    /// could not be read) and the MSBuild metadata that shapes the generated class.
    /// </summary>
    internal sealed record CredentialsInput(
        string Path,
        string? Text,
        string? ClassName,
        string? Namespace,
        string? RootNamespace,
        string? Accessibility,
        string? SecretMode,
        string? SecretVariable);
}
