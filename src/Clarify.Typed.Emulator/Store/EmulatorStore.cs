using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Clarify.Typed.Emulator.Data;

namespace Clarify.Typed.Emulator.Store;

/// <summary>
/// The emulator's in-memory Clarify: signals, items and samples. Not thread-safe by itself:
/// every RPC method runs under <see cref="Gate"/>, which keeps each request atomic.
/// </summary>
internal sealed class EmulatorStore
{
    private readonly TimeProvider _time;

    public EmulatorStore(TimeProvider time)
    {
        _time = time;
        Ids = new ResourceIds(time);
    }

    public object Gate { get; } = new();

    public ResourceIds Ids { get; }

    public Dictionary<string, SignalRecord> SignalsById { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SignalRecord> SignalsByInput { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ItemRecord> ItemsById { get; } = new(StringComparer.Ordinal);

    /// <summary>Values stored by accepted inserts, a value sent twice counting twice (so a test can tell "exactly once" from "at least once").</summary>
    public long InsertedValueCount { get; set; }

    public long Now => Timestamps.FromDateTimeOffset(_time.GetUtcNow());

    public SignalRecord AddSignal(string input, JsonObject attributes, JsonObject annotations)
    {
        var signal = new SignalRecord(Ids.Next(), input, attributes, annotations, Now);
        SignalsById[signal.Id] = signal;
        SignalsByInput[input] = signal;
        return signal;
    }

    public ItemRecord AddItem(JsonObject attributes, JsonObject annotations)
    {
        var item = new ItemRecord(Ids.Next(), attributes, annotations, Now);
        ItemsById[item.Id] = item;
        return item;
    }

    /// <summary>Replaces a record's attributes and annotations; true when anything changed.</summary>
    public bool Update(ResourceRecord record, JsonObject attributes, JsonObject annotations)
    {
        if (!ResourceWriter.Differs(record, attributes, annotations))
        {
            return false;
        }

        record.Attributes = attributes;
        record.Annotations = annotations;
        record.UpdatedAt = Now;
        return true;
    }

    public IEnumerable<SignalRecord> SignalsOf(string itemId) => SignalsById.Values.Where(s => s.ItemId == itemId);

    /// <summary>The samples of an item: the union of its signals' samples, in time order.</summary>
    public SortedDictionary<long, double> SamplesOf(string itemId)
    {
        var samples = new SortedDictionary<long, double>();
        foreach (SignalRecord signal in SignalsOf(itemId).OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            foreach ((long time, double value) in signal.Samples)
            {
                samples[time] = value;
            }
        }

        return samples;
    }
}
