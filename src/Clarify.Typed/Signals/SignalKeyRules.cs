// This file is compiled into two assemblies: Clarify.Typed (run time) and
// Clarify.Typed.Generators (compile time, netstandard2.0), so a key the compiler accepts is a key
// the client accepts and the wording of a problem is the same on both sides. Keep it free of APIs
// newer than netstandard2.0 (no generated regex): a character loop is both portable and faster.
namespace Clarify.Typed.Signals
{
    /// <summary>Clarify's rules for the keys an integration chooses: input keys and label keys.</summary>
    internal static class SignalKeyRules
    {
        /// <summary>Longest input key or label key Clarify accepts.</summary>
        public const int MaxKeyLength = 128;

        /// <summary>The input key rule as Clarify documents it.</summary>
        public const string InputKeyPattern = "^[a-zA-Z0-9-_:.#+/]{1,128}$";

        /// <summary>The label key rule as Clarify documents it.</summary>
        public const string LabelKeyPattern = "^[A-Za-z0-9-_/]{1,128}$";

        /// <summary>What to do about an invalid input key, for messages and diagnostics.</summary>
        public const string InputKeyAdvice = "use 1 to 128 characters among a-z A-Z 0-9 - _ : . # + /";

        /// <summary>What to do about an invalid label key, for messages and diagnostics.</summary>
        public const string LabelKeyAdvice = "use 1 to 128 characters among a-z A-Z 0-9 - _ /";

        /// <summary>Whether <paramref name="key"/> matches <see cref="InputKeyPattern"/>.</summary>
        public static bool IsValidInputKey(string? key) => HasValidShape(key, allowInputKeyPunctuation: true);

        /// <summary>Whether <paramref name="key"/> matches <see cref="LabelKeyPattern"/>.</summary>
        public static bool IsValidLabelKey(string? key) => HasValidShape(key, allowInputKeyPunctuation: false);

        private static bool HasValidShape(string? key, bool allowInputKeyPunctuation)
        {
            if (key is null || key.Length == 0 || key.Length > MaxKeyLength)
            {
                return false;
            }

            foreach (char c in key)
            {
                bool valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '/'
                    || (allowInputKeyPunctuation && (c == ':' || c == '.' || c == '#' || c == '+'));
                if (!valid)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
