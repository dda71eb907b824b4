using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Clarify.Typed.Emulator.Data;
using Clarify.Typed.Emulator.Rpc;
using Clarify.Typed.Emulator.Store;

namespace Clarify.Typed.Emulator.Methods;

/// <summary>The <c>integration.*</c> methods: writing data and signals by input key.</summary>
internal static partial class IntegrationMethods
{
    /// <summary><c>integration.insert</c>: stores a data frame, creating a signal for each new input key.</summary>
    public static JsonNode Insert(RpcCall call)
    {
        call.RequireIntegration();
        ParamReader reader = call.Reader;
        JsonObject? data = reader.Object(call.Params, "data", string.Empty, required: true);
        JsonArray? times = reader.Array(data, "times", "data", required: true);
        JsonObject? series = reader.Object(data, "series", "data", required: true);
        var parsedTimes = new List<long>();
        for (int i = 0; i < (times?.Count ?? 0); i++)
        {
            string? text = times![i]?.GetValueKind() == JsonValueKind.String ? times[i]!.GetValue<string>() : null;
            if (Timestamps.TryParse(text, out long time))
            {
                parsedTimes.Add(time);
            }
            else
            {
                reader.Errors.Add($"data.times.{i}", "must be an RFC 3339 timestamp");
            }
        }

        var columns = new Dictionary<string, double?[]>();
        foreach ((string input, JsonNode? column) in series ?? [])
        {
            string at = "data.series." + input;
            CheckInputKey(reader, input, at);
            if (call.RejectedInputKeys.Contains(input))
            {
                reader.Errors.Add(at, "input key rejected (injected by the emulator's Faults.RejectInputKey)");
            }

            if (column is not JsonArray values || values.Count != (times?.Count ?? 0))
            {
                reader.Errors.Add(at, "must be an array of numbers or nulls as long as data.times");
                continue;
            }

            columns[input] = ReadValues(reader, values, at);
        }

        reader.Errors.ThrowIfAny();
        var result = new JsonObject();
        foreach ((string input, double?[] values) in columns)
        {
            (SignalRecord signal, bool created) = SignalFor(call.Store, input);
            for (int i = 0; i < values.Length; i++)
            {
                // null is a gap: nothing is stored for it.
                if (values[i] is double value)
                {
                    signal.Samples[parsedTimes[i]] = value;
                    call.Store.InsertedValueCount++;
                }
            }

            result[input] = new JsonObject { ["id"] = signal.Id, ["created"] = created };
        }

        return new JsonObject { ["signalsByInput"] = result };
    }

    /// <summary>
    /// <c>integration.saveSignals</c>: creates or updates signals by input key. The signals are in
    /// <c>signalsByInput</c>, or in <c>inputs</c>, its name before 1.1, which pyclarify (even with
    /// 1.1) and <c>@clarify/api</c> still send.
    /// </summary>
    public static JsonNode SaveSignals(RpcCall call)
    {
        call.RequireIntegration();
        ParamReader reader = call.Reader;
        string signalsName = call.Params["signalsByInput"] is null && call.Params["inputs"] is not null ? "inputs" : "signalsByInput";
        if (signalsName == "signalsByInput" && call.Params["inputs"] is not null)
        {
            reader.Errors.Add("inputs", "give the signals in signalsByInput or in inputs (its older name), not both");
        }

        JsonObject? signals = reader.Object(call.Params, signalsName, string.Empty, required: true);
        bool createOnly = reader.Bool(call.Params, "createOnly", string.Empty, fallback: false);
        var saves = new List<(string Input, JsonObject Attributes, JsonObject Annotations)>();
        foreach ((string input, JsonNode? save) in signals ?? [])
        {
            string at = signalsName + "." + input;
            CheckInputKey(reader, input, at);
            if (save is not JsonObject fields)
            {
                reader.Errors.Add(at, "must be an object (a SignalSave)");
                continue;
            }

            (JsonObject attributes, JsonObject annotations) = ResourceAttributes.FromSave(fields, at, reader, isItem: false, call.ApiVersion);
            saves.Add((input, attributes, annotations));
        }

        reader.Errors.ThrowIfAny();
        var result = new JsonObject();
        foreach ((string input, JsonObject attributes, JsonObject annotations) in saves)
        {
            EmulatorStore store = call.Store;
            bool created = false;
            bool updated = false;
            if (!store.SignalsByInput.TryGetValue(input, out SignalRecord? signal))
            {
                signal = store.AddSignal(input, attributes, annotations);
                created = true;
            }
            else if (!createOnly)
            {
                updated = store.Update(signal, attributes, annotations);
            }

            result[input] = new JsonObject { ["id"] = signal.Id, ["created"] = created, ["updated"] = updated };
        }

        return new JsonObject { ["signalsByInput"] = result };
    }

    private static (SignalRecord Signal, bool Created) SignalFor(EmulatorStore store, string input)
    {
        if (store.SignalsByInput.TryGetValue(input, out SignalRecord? signal))
        {
            return (signal, false);
        }

        return (store.AddSignal(input, ResourceAttributes.ForNewInput(input), []), true);
    }

    private static double?[] ReadValues(ParamReader reader, JsonArray values, string at)
    {
        var result = new double?[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            JsonNode? value = values[i];
            if (value is null)
            {
                continue;
            }

            if (value.GetValueKind() == JsonValueKind.Number && double.IsFinite(value.GetValue<double>()))
            {
                result[i] = value.GetValue<double>();
            }
            else
            {
                reader.Errors.Add($"{at}.{i}", "must be a finite number or null");
            }
        }

        return result;
    }

    private static void CheckInputKey(ParamReader reader, string input, string at)
    {
        if (!InputKey().IsMatch(input))
        {
            reader.Errors.Add(at, "input key must match ^[a-zA-Z0-9-_:.#+/]{1,128}$");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9-_:.#+/]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex InputKey();
}
