using System;
using System.Collections.Generic;

namespace Clarify.Typed.Rpc;

/// <summary>How <see cref="ClarifyClient"/> sizes requests, pages and paces calls.</summary>
public sealed class ClarifyClientOptions : IClarifyOptionsRules
{
    /// <summary>Clarify's request limit: about 8 MiB of uncompressed JSON.</summary>
    public const long DefaultMaxRequestBytes = 8L * 1024 * 1024;

    /// <summary>The largest page selectItems and selectSignals allow.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The largest insert request body; larger inserts are split by rows. Default 8 MiB.</summary>
    public long MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>The page size of <c>SelectAll…Async</c> (1 to 1000). Default 1000.</summary>
    public int PageSize { get; set; } = MaxPageSize;

    /// <summary>Whether calls are paced client-side to Clarify's per-method rate limits. Default on.</summary>
    public bool EnableRateLimiting { get; set; } = true;

    /// <summary>
    /// Requests per second by method name (see <see cref="ClarifyRpcMethods"/>); a method not listed
    /// is not paced. Defaults: 1/s insert, saveSignals, dataFrame, evaluate; 5/s publishSignals;
    /// 10/s selectSignals and selectItems.
    /// </summary>
    public IDictionary<string, double> RequestsPerSecond { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [ClarifyRpcMethods.Insert] = 1,
        [ClarifyRpcMethods.SaveSignals] = 1,
        [ClarifyRpcMethods.DataFrame] = 1,
        [ClarifyRpcMethods.Evaluate] = 1,
        [ClarifyRpcMethods.PublishSignals] = 5,
        [ClarifyRpcMethods.SelectSignals] = 10,
        [ClarifyRpcMethods.SelectItems] = 10,
    };

    /// <inheritdoc/>
    IReadOnlyList<string> IClarifyOptionsRules.Problems()
    {
        var problems = new List<string>();
        if (MaxRequestBytes < 1024)
        {
            problems.Add(FormattableString.Invariant($"ClarifyClientOptions.MaxRequestBytes must be at least 1024 bytes (it is {MaxRequestBytes})."));
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            problems.Add(FormattableString.Invariant($"ClarifyClientOptions.PageSize must be between 1 and 1000 (it is {PageSize})."));
        }

        foreach (KeyValuePair<string, double> rate in RequestsPerSecond)
        {
            if (!(rate.Value > 0) || double.IsInfinity(rate.Value))
            {
                problems.Add(FormattableString.Invariant($"ClarifyClientOptions.RequestsPerSecond: the rate of {rate.Key} must be a positive number of requests per second (it is {rate.Value})."));
            }
        }

        return problems;
    }
}
