namespace Clarify.Typed.Generators.Model
{
    /// <summary>
    /// The outcome of one credentials file: the class to emit (null when the file has errors),
    /// the unique hint name of its source, and every diagnostic found.
    /// </summary>
    internal sealed record FileResult(string Path, CredentialsClass? Class, string HintName, EquatableArray<DiagnosticInfo> Diagnostics);
}
