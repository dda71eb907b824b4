using System;
using Microsoft.Extensions.Logging;

namespace Clarify.Typed.Ingestion;

/// <summary>How a <see cref="ClarifyWriter"/> batches, stores, retries and stops.</summary>
public sealed class ClarifyWriterOptions
{
    /// <summary>
    /// How long points wait to be batched before they are sent. Default 1 s, Clarify's insert pace:
    /// sending more often only queues behind the client's rate limiter.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most points one insert takes; a batch this big is sent without waiting for
    /// <see cref="FlushInterval"/>. Default 200,000, about the most that fits Clarify's 8 MiB
    /// request in the worst case (one point a row); <see cref="ClarifyClient.InsertAsync"/> splits
    /// anything larger than the request limit anyway.
    /// </summary>
    public int MaxBatchPoints { get; set; } = 200_000;

    /// <summary>
    /// Where points wait for Clarify. Null (the default): a <see cref="ClarifyMemoryWriterStore"/>
    /// bounded by <see cref="MaxPendingPoints"/> with <see cref="FullMode"/>, unless
    /// <see cref="StoreFactory"/> makes one. A store given here has its own bound, and the writer
    /// does not dispose it: it stays the caller's.
    /// </summary>
    public IClarifyWriterStore? Store { get; set; }

    /// <summary>
    /// Makes the writer's store when the writer is created (given these options, with
    /// <see cref="TimeProvider"/> and <see cref="LoggerFactory"/> already filled in by dependency
    /// injection), for a store the writer owns: the writer disposes it (when it is
    /// <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/>) at the end of its own
    /// <see cref="ClarifyWriter.DisposeAsync()"/>. Durable stores set it, e.g. <c>UseSqlite(path)</c>
    /// from Clarify.Typed.Sqlite. Set either this or <see cref="Store"/>, not both.
    /// </summary>
    public Func<ClarifyWriterOptions, IClarifyWriterStore>? StoreFactory { get; set; }

    /// <summary>The bound of the default in-memory store, in points. Default 1,000,000.</summary>
    public long MaxPendingPoints { get; set; } = 1_000_000;

    /// <summary>What writes do when the default in-memory store is full. Default <see cref="ClarifyWriterFullMode.Wait"/>.</summary>
    public ClarifyWriterFullMode FullMode { get; set; } = ClarifyWriterFullMode.Wait;

    /// <summary>The first wait after a failed insert. Default 1 s.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retries (and between tries while authentication fails). Default 60 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether retry waits are jittered ("equal jitter": half fixed, half random), so many gateways
    /// do not retry in step after an outage. Default on.
    /// </summary>
    public bool RetryJitter { get; set; } = true;

    /// <summary>How long <see cref="ClarifyWriter.DisposeAsync()"/> tries to flush before it leaves the rest in the store. Default 10 s.</summary>
    public TimeSpan DisposeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock of flushes, retries and the store; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>For the writer's log lines (retries, dead letters, authentication failures); none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal void Validate()
    {
        Positive(FlushInterval, nameof(FlushInterval));
        Positive(RetryInitialDelay, nameof(RetryInitialDelay));
        Positive(RetryMaxDelay, nameof(RetryMaxDelay));
        if (RetryMaxDelay < RetryInitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryMaxDelay), RetryMaxDelay, "RetryMaxDelay must be at least RetryInitialDelay.");
        }

        if (DisposeTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DisposeTimeout), DisposeTimeout, "DisposeTimeout must not be negative.");
        }

        if (MaxBatchPoints < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchPoints), MaxBatchPoints, "MaxBatchPoints must be at least 1.");
        }

        if (Store is not null && StoreFactory is not null)
        {
            throw new ArgumentException("ClarifyWriterOptions.Store and StoreFactory are both set: give the writer a store of yours (Store, which it does not dispose) or a way to make one it owns (StoreFactory, e.g. UseSqlite), not both.", nameof(StoreFactory));
        }

        if (MaxPendingPoints < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPendingPoints), MaxPendingPoints, "MaxPendingPoints must be at least 1.");
        }

        static void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
            }
        }
    }
}
