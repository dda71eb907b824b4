using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Clarify.Typed.Benchmarks.Tokens;

/// <summary>The smallest and largest count seen per benchmark method over all its runs in this process.</summary>
internal sealed class RunCounts
{
    private readonly Dictionary<string, Range> _ranges = [];

    public void Add(string method, long count)
    {
        lock (_ranges)
        {
            _ranges[method] = _ranges.TryGetValue(method, out Range range)
                ? new Range(System.Math.Min(range.Min, count), System.Math.Max(range.Max, count), range.Runs + 1)
                : new Range(count, count, 1);
        }
    }

    public IReadOnlyList<(string Method, Range Counts)> ByMethod()
    {
        lock (_ranges)
        {
            return [.. _ranges.Select(r => (r.Key, r.Value))];
        }
    }

    internal readonly record struct Range(long Min, long Max, long Runs)
    {
        /// <summary>"1" when every run made exactly one; otherwise the spread, so a miss cannot hide in an average.</summary>
        public string Describe() => Min == Max
            ? Min.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Min}-{Max}");
    }
}
