using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Clarify.Typed.Emulator.Data;

/// <summary>
/// Assembles a data frame <c>{times, series}</c>: the times are the union of every series'
/// times, and a series without a value at a time has <c>null</c> there.
/// </summary>
internal sealed class FrameBuilder
{
    private readonly List<(string Key, IReadOnlyDictionary<long, double?> Values)> _series = [];

    public void Add(string key, IReadOnlyDictionary<long, double?> values) => _series.Add((key, values));

    /// <summary>The frame, with only the series in <paramref name="keep"/> (when given) and the <paramref name="last"/> rows (when 0 or more).</summary>
    public JsonObject Build(HashSet<string>? keep, int last)
    {
        var kept = _series.Where(s => keep is null || keep.Contains(s.Key)).ToList();
        List<long> times = kept.SelectMany(s => s.Values.Keys).Distinct().Order().ToList();
        if (last >= 0 && times.Count > last)
        {
            times = times.Skip(times.Count - last).ToList();
        }

        var series = new JsonObject();
        foreach ((string key, IReadOnlyDictionary<long, double?> values) in kept)
        {
            var column = new JsonArray();
            foreach (long time in times)
            {
                column.Add(values.TryGetValue(time, out double? value) && value is double v && double.IsFinite(v) ? JsonValue.Create(v) : null);
            }

            series[key] = column;
        }

        return new JsonObject
        {
            ["times"] = new JsonArray(times.Select(t => (JsonNode?)JsonValue.Create(Timestamps.Format(t))).ToArray()),
            ["series"] = series,
        };
    }
}
