using Clarify.Typed.Credentials;
using Clarify.Typed.Generators.Model;
using static Clarify.Typed.Generators.SourceWriter;

namespace Clarify.Typed.Generators
{
    /// <summary>Writes the static partial class for one valid credentials file.</summary>
    internal static class Emitter
    {
        private const string Options = "global::Clarify.Typed.ClarifyOptions";
        private const string Credential = "global::Clarify.Typed.ClarifyCredential";

        public static string Emit(CredentialsClass model)
        {
            SourceWriter w = ForFile(model.Namespace);
            string file = Xml(model.FileName);
            string summary = model.Name is null
                ? "The Clarify integration <c>" + Xml(model.IntegrationId) + "</c>"
                : "The Clarify integration '" + Xml(model.Name) + "' (<c>" + Xml(model.IntegrationId) + "</c>)";
            w.Line("/// <summary>");
            w.Line("/// " + summary + ", generated from <c>" + file + "</c> at compile time.");
            w.Line(model.SecretVariable is null
                ? "/// The client secret is embedded in the assembly."
                : "/// The client secret is read at run time from the environment variable <c>" + model.SecretVariable + "</c>.");
            w.Line("/// </summary>");
            w.Line(SourceWriter.GeneratedCode);
            w.Open((model.IsPublic ? "public" : "internal") + " static partial class " + model.ClassName);

            w.Line("/// <summary>The integration id, <c>integration</c> in <c>" + file + "</c>.</summary>");
            w.Line("public const string IntegrationId = " + Literal(model.IntegrationId) + ";");
            w.Line();
            w.Line("/// <summary>The OAuth client id, <c>credentials.clientId</c> in <c>" + file + "</c>.</summary>");
            w.Line("public const string ClientId = " + Literal(model.ClientId) + ";");
            w.Line();
            w.Line("/// <summary>The credentials type, <c>credentials.type</c> in <c>" + file + "</c>.</summary>");
            w.Line("public const string CredentialsType = " + Literal(model.CredentialsType) + ";");
            w.Line();
            if (model.Name is not null)
            {
                w.Line("/// <summary>The integration's display name, <c>name</c> in <c>" + file + "</c>.</summary>");
                w.Line("public const string Name = " + Literal(model.Name) + ";");
                w.Line();
            }

            w.Line("private static " + Options + "? s_options;");
            w.Line();
            w.Line("/// <summary>The API root, <c>apiUrl</c> in <c>" + file + "</c>, with exactly one trailing slash.</summary>");
            w.Line("public static global::System.Uri ApiUrl { get; } = new global::System.Uri(" + Literal(model.ApiUrl) + ", global::System.UriKind.Absolute);");
            w.Line();
            w.Line("/// <summary>Ready options for the Clarify client; <see cref=\"" + Options + ".ToString\"/> redacts the secret.</summary>");
            if (model.SecretVariable is not null)
            {
                w.Line("/// <exception cref=\"global::Clarify.Typed.ClarifyConfigurationException\">The environment variable <c>" + model.SecretVariable + "</c> is not set; the next call tries again.</exception>");
            }

            // Only a success is cached: in environment mode the variable may be set later.
            w.Line("public static " + Options + " Options => s_options ??= CreateOptions();");
            w.Line();
            string secret = model.SecretVariable is null
                ? Literal(model.EmbeddedSecret!)
                : "global::Clarify.Typed.ClarifySecrets.FromEnvironment(" + Literal(model.SecretVariable) + ", " + Literal(CredentialRules.ClientSecretPath) + ")";
            string factory = model.CredentialsType == CredentialRules.BasicAuthType ? "BasicAuth" : "ClientCredentials";
            w.Open("private static " + Options + " CreateOptions()");
            w.Line("return new " + Options + "(");
            w.Line("    ApiUrl,");
            w.Line("    IntegrationId,");
            w.Line("    " + Credential + "." + factory + "(ClientId, " + secret + "),");
            w.Line("    " + (model.Name is null ? "null" : "Name") + ");");
            w.Close();

            return w.EndFile();
        }
    }
}
