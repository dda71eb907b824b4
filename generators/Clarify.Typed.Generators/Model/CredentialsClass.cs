namespace Clarify.Typed.Generators.Model
{
    /// <summary>Everything the emitter needs to write one credentials class.</summary>
    internal sealed record CredentialsClass(
        string Namespace,
        string ClassName,
        bool IsPublic,
        string FileName,
        string ApiUrl,
        string IntegrationId,
        string CredentialsType,
        string ClientId,
        string? EmbeddedSecret,
        string? SecretVariable,
        string? Name)
    {
        /// <summary>The name that must be unique in the compilation, e.g. <c>global::App.ClarifyCredentials</c>.</summary>
        public string FullyQualifiedName => Namespace.Length == 0 ? "global::" + ClassName : "global::" + Namespace + "." + ClassName;

        public string DefaultHintName => (Namespace.Length == 0 ? ClassName : Namespace + "." + ClassName) + ".g.cs";
    }
}
