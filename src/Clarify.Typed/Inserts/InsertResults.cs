using System.Collections.Generic;
using Clarify.Typed.Models;

namespace Clarify.Typed.Inserts;

/// <summary>Merges the results of the chunks of one insert into the result of the whole frame.</summary>
internal static class InsertResults
{
    /// <summary>Adds <paramref name="part"/> to <paramref name="merged"/>: a signal counts as created if any chunk created it.</summary>
    public static void Add(InsertResult merged, InsertResult part)
    {
        foreach (KeyValuePair<string, CreateSummary> signal in part.SignalsByInput)
        {
            if (merged.SignalsByInput.TryGetValue(signal.Key, out CreateSummary? known))
            {
                known.Created |= signal.Value.Created;
            }
            else
            {
                merged.SignalsByInput[signal.Key] = new CreateSummary { Id = signal.Value.Id, Created = signal.Value.Created };
            }
        }
    }
}
