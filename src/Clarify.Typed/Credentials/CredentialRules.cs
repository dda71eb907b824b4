// This file is compiled into two assemblies: Clarify.Typed (run time) and
// Clarify.Typed.Generators (compile time, netstandard2.0). The generator reports these
// problems as diagnostics inside clarify-credentials.json; ClarifyOptions reports them as
// ClarifyConfigurationException. Keeping the rules and their wording here means a problem
// reads the same whichever side finds it. Keep it free of APIs newer than netstandard2.0.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;

namespace Clarify.Typed.Credentials
{
    /// <summary>What is wrong with one value of a credentials file or of <c>ClarifyOptions</c>.</summary>
    internal enum CredentialProblemKind
    {
        EmptyValue,
        Placeholder,
        ApiUrlNotHttp,
        ApiUrlInsecure,
        UnknownCredentialsType,
        IntegrationIdFormat,
    }

    /// <summary>One broken rule: its kind, the JSON path of the value, and the message arguments.</summary>
    internal sealed class CredentialProblem
    {
        public CredentialProblem(CredentialProblemKind kind, bool isWarning, string format, params string[] arguments)
        {
            Kind = kind;
            IsWarning = isWarning;
            Format = format;
            Arguments = arguments;
        }

        public CredentialProblemKind Kind { get; }

        public bool IsWarning { get; }

        /// <summary>The message format, shared with the generator's diagnostic descriptor.</summary>
        public string Format { get; }

        /// <summary>Arguments for <see cref="Format"/>; the first is always the JSON path.</summary>
        public string[] Arguments { get; }

        public string Message => string.Format(CultureInfo.InvariantCulture, Format, Arguments);

        public override string ToString() => Message;
    }

    internal static class CredentialRules
    {
        public const string DefaultApiUrl = "https://api.clarify.io/v1/";
        public const string ClientCredentialsType = "client-credentials";
        public const string BasicAuthType = "basic-auth";

        public const string ApiUrlPath = "apiUrl";
        public const string IntegrationPath = "integration";
        public const string CredentialsPath = "credentials";
        public const string CredentialsTypePath = "credentials.type";
        public const string ClientIdPath = "credentials.clientId";
        public const string ClientSecretPath = "credentials.clientSecret";

        /// <summary>The accepted values of <c>credentials.type</c>, quoted and comma-separated, for messages.</summary>
        public const string KnownCredentialsTypes = "'" + ClientCredentialsType + "', '" + BasicAuthType + "'";

        public const string MissingValueFormat =
            "'{0}' is missing: copy it from the credentials file downloaded from the Integration tab of Clarify's admin UI";

        public const string EmptyValueFormat =
            "'{0}' is empty: copy its value from the credentials file downloaded from the Integration tab of Clarify's admin UI";

        public const string PlaceholderFormat =
            "'{0}' still holds the template placeholder '{1}': replace it with the value from the credentials file downloaded from the Integration tab of Clarify's admin UI";

        public const string ApiUrlNotHttpFormat =
            "'{0}' must be an absolute http or https URL such as '" + DefaultApiUrl + "', but it is '{1}'";

        public const string ApiUrlInsecureFormat =
            "'{0}' uses plain http for the host '{1}', which is not a loopback address: the client secret and access tokens would travel in clear text; use https";

        public const string UnknownCredentialsTypeFormat =
            "'{0}' is '{1}', which is not a credentials type Clarify issues: use one of {2}";

        public const string IntegrationIdFormatFormat =
            "'{0}' is '{1}', which is not a Clarify integration id (20 characters from [a-v0-9]): check that it was copied whole";

        public const string WrongTypeFormat =
            "'{0}' must be {1}, but it is {2}";

        public const string UnknownPropertyFormat =
            "'{0}' is not a property of a Clarify credentials file and is ignored{1}";

        public const string DuplicatePropertyFormat =
            "'{0}' appears more than once: keep only one";

        public const string SecretVariableUnsetFormat =
            "the environment variable '{0}' that holds '{1}' is not set or is empty: set it to the secret from the credentials file downloaded from Clarify's admin UI";

        public static string Missing(string path) => string.Format(CultureInfo.InvariantCulture, MissingValueFormat, path);

        /// <summary>An empty or whitespace value, or one that is still a template placeholder.</summary>
        public static CredentialProblem? CheckFilled(string path, string value)
        {
            if (IsBlank(value))
            {
                return new CredentialProblem(CredentialProblemKind.EmptyValue, false, EmptyValueFormat, path);
            }

            string? placeholder = FindPlaceholder(value);
            return placeholder is null
                ? null
                : new CredentialProblem(CredentialProblemKind.Placeholder, false, PlaceholderFormat, path, placeholder);
        }

        /// <summary>
        /// Checks an api URL and gives it back normalised to exactly one trailing slash, so that
        /// <c>oauth/token</c> and <c>rpc</c> resolve below it (pyclarify breaks without the slash).
        /// </summary>
        public static CredentialProblem? CheckApiUrl(string path, string value, out string normalized)
        {
            normalized = value;
            CredentialProblem? unfilled = CheckFilled(path, value);
            if (unfilled is not null)
            {
                return unfilled;
            }

            string trimmed = value.Trim();
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out Uri? uri)
                || (uri.Scheme != "https" && uri.Scheme != "http")
                || uri.Host.Length == 0
                || uri.Query.Length != 0
                || uri.Fragment.Length != 0
                || uri.UserInfo.Length != 0)
            {
                return new CredentialProblem(CredentialProblemKind.ApiUrlNotHttp, false, ApiUrlNotHttpFormat, path, value);
            }

            if (uri.Scheme == "http" && !IsLoopbackHost(uri.Host))
            {
                return new CredentialProblem(CredentialProblemKind.ApiUrlInsecure, false, ApiUrlInsecureFormat, path, uri.Host);
            }

            normalized = NormalizeApiUrl(trimmed);
            return null;
        }

        public static CredentialProblem? CheckCredentialsType(string path, string value)
        {
            CredentialProblem? unfilled = CheckFilled(path, value);
            if (unfilled is not null)
            {
                return unfilled;
            }

            return value == ClientCredentialsType || value == BasicAuthType
                ? null
                : new CredentialProblem(CredentialProblemKind.UnknownCredentialsType, false, UnknownCredentialsTypeFormat, path, value, KnownCredentialsTypes);
        }

        /// <summary>A warning only: Clarify could change its id format, and a wrong id fails loudly at the server.</summary>
        public static CredentialProblem? CheckIntegrationId(string path, string value)
        {
            CredentialProblem? unfilled = CheckFilled(path, value);
            if (unfilled is not null)
            {
                return unfilled;
            }

            return IsResourceId(value)
                ? null
                : new CredentialProblem(CredentialProblemKind.IntegrationIdFormat, true, IntegrationIdFormatFormat, path, value);
        }

        /// <summary>Clarify's ids: 20 characters of <c>[a-v0-9]</c> (base32hex, lower case).</summary>
        public static bool IsResourceId(string value)
        {
            if (value.Length != 20)
            {
                return false;
            }

            foreach (char c in value)
            {
                if (!((c >= 'a' && c <= 'v') || (c >= '0' && c <= '9')))
                {
                    return false;
                }
            }

            return true;
        }

        public static string NormalizeApiUrl(string value) => value.Trim().TrimEnd('/') + "/";

        /// <summary>Loopback hosts: <c>localhost</c>, <c>*.localhost</c> (RFC 6761), 127.0.0.0/8 and ::1.</summary>
        public static bool IsLoopbackHost(string host)
        {
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
                || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            string bare = host.Length > 1 && host[0] == '[' && host[host.Length - 1] == ']' ? host.Substring(1, host.Length - 2) : host;
            return IPAddress.TryParse(bare, out IPAddress? address) && IPAddress.IsLoopback(address);
        }

        public static bool IsBlank(string value)
        {
            foreach (char c in value)
            {
                if (!char.IsWhiteSpace(c))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Finds a template placeholder left in a value: <c>&lt;YOUR_CLIENT_ID&gt;</c>,
        /// <c>&lt;&lt;apiURL&gt;&gt;</c>, a bare <c>YOUR_CLIENT_SECRET</c> (as in the docs' curl
        /// example) or an ellipsis standing for the value.
        /// </summary>
        public static string? FindPlaceholder(string value)
        {
            string trimmed = value.Trim();
            if (trimmed == "..." || trimmed == "\u2026")
            {
                return trimmed;
            }

            for (int start = value.IndexOf('<'); start >= 0; start = value.IndexOf('<', start + 1))
            {
                int i = start;
                while (i < value.Length && value[i] == '<')
                {
                    i++;
                }

                int nameStart = i;
                while (i < value.Length && IsPlaceholderNameChar(value[i]))
                {
                    i++;
                }

                if (i > nameStart && i < value.Length && value[i] == '>')
                {
                    while (i < value.Length && value[i] == '>')
                    {
                        i++;
                    }

                    return value.Substring(start, i - start);
                }
            }

            int your = value.IndexOf("YOUR_", StringComparison.Ordinal);
            if (your >= 0 && (your == 0 || !IsPlaceholderNameChar(value[your - 1])))
            {
                int end = your + "YOUR_".Length;
                while (end < value.Length && (char.IsUpper(value[end]) || value[end] == '_' || char.IsDigit(value[end])))
                {
                    end++;
                }

                if (end > your + "YOUR_".Length)
                {
                    return value.Substring(your, end - your);
                }
            }

            return null;
        }

        private static bool IsPlaceholderNameChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == ' ';

        /// <summary>
        /// Checks every value of a credentials set, in file order, and returns all problems.
        /// Missing values (null) are left to the caller: the generator reports them with the
        /// JSON location, the run time with the options' property name.
        /// </summary>
        public static List<CredentialProblem> CheckAll(string? apiUrl, string? integration, string? credentialsType, string? clientId, string? clientSecret)
        {
            var problems = new List<CredentialProblem>();
            if (apiUrl is not null)
            {
                Add(problems, CheckApiUrl(ApiUrlPath, apiUrl, out _));
            }

            if (integration is not null)
            {
                Add(problems, CheckIntegrationId(IntegrationPath, integration));
            }

            if (credentialsType is not null)
            {
                Add(problems, CheckCredentialsType(CredentialsTypePath, credentialsType));
            }

            if (clientId is not null)
            {
                Add(problems, CheckFilled(ClientIdPath, clientId));
            }

            if (clientSecret is not null)
            {
                Add(problems, CheckFilled(ClientSecretPath, clientSecret));
            }

            return problems;
        }

        /// <summary>
        /// The messages of every error in a credentials set given as text, a missing required
        /// value included; warnings are left out. An absent api URL or type takes its default.
        /// </summary>
        public static List<string> ErrorMessages(string? apiUrl, string? integration, string? credentialsType, string? clientId, string? clientSecret)
        {
            var errors = new List<string>();
            AddMissing(errors, IntegrationPath, integration);
            AddMissing(errors, ClientIdPath, clientId);
            AddMissing(errors, ClientSecretPath, clientSecret);
            foreach (CredentialProblem problem in CheckAll(apiUrl ?? DefaultApiUrl, integration, credentialsType ?? ClientCredentialsType, clientId, clientSecret))
            {
                if (!problem.IsWarning)
                {
                    errors.Add(problem.Message);
                }
            }

            return errors;
        }

        private static void AddMissing(List<string> errors, string path, string? value)
        {
            if (value is null)
            {
                errors.Add(Missing(path));
            }
        }

        private static void Add(List<CredentialProblem> problems, CredentialProblem? problem)
        {
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }
    }
}
