using System;

namespace Clarify.Typed.Generators
{
    /// <summary>Finds the known property name a misspelt one most likely meant (clientID, apiURL, client_secret...).</summary>
    internal static class NameMatching
    {
        public static string? Closest(string name, string[] known)
        {
            string wanted = Normalize(name);
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (string candidate in known)
            {
                string normalized = Normalize(candidate);
                int distance = wanted == normalized ? 0 : Distance(wanted, normalized);
                int allowed = Math.Min(2, normalized.Length / 3);
                if (distance <= allowed && distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best;
        }

        /// <summary>Case, '_' and '-' do not count: clientID, client_id and Client-Id all mean clientId.</summary>
        private static string Normalize(string name)
        {
            var chars = new char[name.Length];
            int length = 0;
            foreach (char c in name)
            {
                if (c != '_' && c != '-')
                {
                    chars[length++] = char.ToLowerInvariant(c);
                }
            }

            return new string(chars, 0, length);
        }

        /// <summary>Levenshtein distance, with an early exit for long names that cannot be near.</summary>
        private static int Distance(string a, string b)
        {
            if (Math.Abs(a.Length - b.Length) > 2 || a.Length > 64)
            {
                return int.MaxValue;
            }

            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                }

                int[] swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
    }
}
