using System;
using System.Collections.Generic;
using System.Text;

namespace Clarify.Typed.PublicApi.Tests;

/// <summary>
/// A line diff for failure messages: the changed lines with a little context, "-" approved and
/// "+" actual, each hunk headed by its line number in the approved text. A whole-file
/// Assert.Equal would show only the first differing character.
/// </summary>
internal static class LineDiff
{
    private const int Context = 2;

    public static string Format(IReadOnlyList<string> approved, IReadOnlyList<string> actual)
    {
        List<(char Kind, int ApprovedLine, string Text)> edits = Edits(approved, actual);
        var output = new StringBuilder();
        int lastShown = -2;
        for (int i = 0; i < edits.Count; i++)
        {
            if (!IsNearChange(edits, i))
            {
                continue;
            }

            if (lastShown != i - 1)
            {
                output.Append("@@ approved line ").Append(edits[i].ApprovedLine + 1).Append('\n');
            }

            output.Append(edits[i].Kind).Append(' ').Append(edits[i].Text).Append('\n');
            lastShown = i;
        }

        return output.ToString();
    }

    private static bool IsNearChange(List<(char Kind, int ApprovedLine, string Text)> edits, int index)
    {
        for (int j = Math.Max(0, index - Context); j <= Math.Min(edits.Count - 1, index + Context); j++)
        {
            if (edits[j].Kind != ' ')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The edit script of a longest common subsequence of lines.</summary>
    private static List<(char Kind, int ApprovedLine, string Text)> Edits(IReadOnlyList<string> approved, IReadOnlyList<string> actual)
    {
        int[,] common = new int[approved.Count + 1, actual.Count + 1];
        for (int a = approved.Count - 1; a >= 0; a--)
        {
            for (int b = actual.Count - 1; b >= 0; b--)
            {
                common[a, b] = approved[a] == actual[b] ? common[a + 1, b + 1] + 1 : Math.Max(common[a + 1, b], common[a, b + 1]);
            }
        }

        var edits = new List<(char, int, string)>();
        int i = 0, k = 0;
        while (i < approved.Count || k < actual.Count)
        {
            if (i < approved.Count && k < actual.Count && approved[i] == actual[k])
            {
                edits.Add((' ', i, approved[i]));
                i++;
                k++;
            }
            else if (i < approved.Count && (k == actual.Count || common[i + 1, k] >= common[i, k + 1]))
            {
                edits.Add(('-', i, approved[i]));
                i++;
            }
            else
            {
                edits.Add(('+', i, actual[k]));
                k++;
            }
        }

        return edits;
    }
}
