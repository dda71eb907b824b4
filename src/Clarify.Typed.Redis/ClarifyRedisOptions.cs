using System;
using System.Collections.Generic;
using System.Globalization;

namespace Clarify.Typed.Redis;

/// <summary>How Clarify.Typed.Redis uses Redis. The defaults suit a fleet of a few dozen instances.</summary>
public sealed class ClarifyRedisOptions
{
    /// <summary>The start of every key this package writes. Default <c>clarify:</c>.</summary>
    public string KeyPrefix { get; set; } = "clarify:";

    /// <summary>
    /// How long one Redis operation may take before the instance goes on without it (its own token
    /// fetch, its own pace). Default 200 ms.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// After a failed or slow Redis operation, how long the instance works alone before trying Redis
    /// again, so an outage costs no timeout per call. Default 1 s.
    /// </summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the lock an instance takes to fetch the fleet's token lives if that instance dies
    /// before releasing it. Default 5 s.
    /// </summary>
    public TimeSpan TokenLockTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an instance waits for another instance's token before it fetches one itself.
    /// Default 10 s; the cache's <c>RequestTimeout</c> bounds it too.
    /// </summary>
    public TimeSpan TokenLockWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem with the values, in words that say what to change; empty when all is well.</summary>
    internal IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            problems.Add("ClarifyRedisOptions.KeyPrefix is empty: use a prefix such as 'clarify:'");
        }

        RequireBetween(OperationTimeout, nameof(OperationTimeout), problems);
        RequireBetween(RetryAfterFailure, nameof(RetryAfterFailure), problems);
        RequireBetween(TokenLockTime, nameof(TokenLockTime), problems);
        RequireBetween(TokenLockWait, nameof(TokenLockWait), problems);
        return problems;
    }

    internal ClarifyRedisOptions Validated()
    {
        IReadOnlyList<string> problems = Problems();
        if (problems.Count > 0)
        {
            throw new ClarifyConfigurationException(problems);
        }

        return new ClarifyRedisOptions
        {
            KeyPrefix = KeyPrefix,
            OperationTimeout = OperationTimeout,
            RetryAfterFailure = RetryAfterFailure,
            TokenLockTime = TokenLockTime,
            TokenLockWait = TokenLockWait,
        };
    }

    private static void RequireBetween(TimeSpan value, string name, List<string> problems)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"ClarifyRedisOptions.{name} is {value}: use a positive duration of at most an hour"));
        }
    }
}
