using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.EndToEnd.Tests.Rpc;

/// <summary>saveSignals, selectSignals, publishSignals, selectItems and paging, over real HTTP.</summary>
public sealed class SignalAndItemTests
{
    [Fact]
    public async Task Saved_signals_are_selected_with_their_attributes_and_updated_only_when_changed()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);
        var temperature = new SignalSave
        {
            Name = "Temperature",
            Description = "Outdoor air",
            EngUnit = "°C",
            ValueType = ValueKind.Numeric,
            SourceType = SourceKind.Measurement,
            SampleInterval = TimeSpan.FromMinutes(1),
            GapDetection = TimeSpan.FromHours(1),
            Labels = new() { ["site"] = ["oslo", "roof"] },
            Annotations = new() { ["owner"] = "facilities" },
        };

        SaveSignalsResult first = await client.SaveSignalsAsync(new Dictionary<string, SignalSave>
        {
            ["site/temperature"] = temperature,
            ["site/humidity"] = new() { Name = "Humidity", EngUnit = "%" },
        });
        SaveSignalsResult again = await client.SaveSignalsAsync(new Dictionary<string, SignalSave> { ["site/temperature"] = temperature });

        Assert.All(first.SignalsByInput.Values, s => Assert.True(s.Created));
        Assert.Equal(first.SignalsByInput["site/temperature"].Id, again.SignalsByInput["site/temperature"].Id);
        Assert.False(again.SignalsByInput["site/temperature"].Created);
        Assert.False(again.SignalsByInput["site/temperature"].Updated);

        Selection<List<Resource<SignalAttributes>>> selected = await client.SelectSignalsAsync(
            new ResourceQuery { Filter = ResourceFilter.Equals("labels.site", "oslo"), Total = true });

        Resource<SignalAttributes> signal = Assert.Single(selected.Data!);
        Assert.Equal(1, selected.Meta!.Total);
        Assert.Equal("signals", signal.Type);
        Assert.Equal(first.SignalsByInput["site/temperature"].Id, signal.Id);
        SignalAttributes attributes = signal.Attributes!;
        Assert.Equal("Temperature", attributes.Name);
        Assert.Equal("Outdoor air", attributes.Description);
        Assert.Equal("°C", attributes.EngUnit);
        Assert.Equal(ValueKind.Numeric, attributes.ValueType);
        Assert.Equal(SourceKind.Measurement, attributes.SourceType);
        Assert.Equal(TimeSpan.FromMinutes(1), attributes.SampleInterval);
        Assert.Equal(TimeSpan.FromHours(1), attributes.GapDetection);
        Assert.Equal(["oslo", "roof"], attributes.Labels!["site"]);
        Assert.Equal("site/temperature", attributes.Input);
        Assert.Equal("facilities", signal.Meta!.Annotations!["owner"]);
        Assert.Equal(emulator.Options.IntegrationId, signal.Relationships!["integration"]!.Single!.Id);

        Selection<List<Resource<SignalAttributes>>> renamed = await client.SelectSignalsAsync(new ResourceQuery { Filter = ResourceFilter.Regex("name", "^Hum") });
        Assert.Equal("site/humidity", Assert.Single(renamed.Data!).Attributes!.Input);
    }

    [Fact]
    public async Task Published_signals_are_items_that_a_filter_selects_and_paging_returns_each_exactly_once()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator, configure: o => o.PageSize = 4);
        Dictionary<string, SignalSave> signals = Enumerable.Range(0, 30).ToDictionary(
            i => $"line-{i:00}",
            i => new SignalSave { Name = $"Line {i:00}", Labels = new() { ["site"] = [i % 3 == 0 ? "bergen" : "oslo"] } });

        Dictionary<string, string> itemIds = await PublishAsync(client, signals, input => new ItemSave
        {
            Name = signals[input].Name,
            Labels = signals[input].Labels,
            Visible = input != "line-01",
        });

        Selection<List<Resource<SignalAttributes>>> withItems = await client.SelectSignalsAsync(
            new ResourceQuery { Filter = ResourceFilter.Equals("input", "line-07") }, include: ["item"]);
        Resource<SignalAttributes> line7 = Assert.Single(withItems.Data!);
        Assert.Equal(itemIds["line-07"], line7.Relationships!["item"]!.Single!.Id);
        Assert.Equal(itemIds["line-07"], Assert.Single(withItems.Included!.Items!).Id);

        ResourceFilter visibleInOslo = ResourceFilter.Equals("visible", true) & ResourceFilter.In("labels.site", "oslo");
        string[] expected = signals.Where(s => s.Key != "line-01" && s.Value.Labels!["site"][0] == "oslo").Select(s => itemIds[s.Key]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(19, expected.Length);

        Selection<List<Resource<ItemAttributes>>> firstPage = await client.SelectItemsAsync(
            new ResourceQuery { Filter = visibleInOslo, Sort = ["name"], Limit = 5, Total = true });
        Assert.Equal(19, firstPage.Meta!.Total);
        Assert.Equal(["Line 02", "Line 04", "Line 05", "Line 07", "Line 08"], firstPage.Data!.Select(i => i.Attributes!.Name));
        Assert.All(firstPage.Data!, i => Assert.True(i.Attributes!.Visible));

        int pagesBefore = emulator.GetRpcRequestCount(ClarifyRpcMethods.SelectItems);
        var paged = new List<Resource<ItemAttributes>>();
        await foreach (Resource<ItemAttributes> item in client.SelectAllItemsAsync(new ResourceQuery { Filter = visibleInOslo }))
        {
            paged.Add(item);
        }

        Assert.Equal(expected, paged.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(5, emulator.GetRpcRequestCount(ClarifyRpcMethods.SelectItems) - pagesBefore);

        var allSignals = new List<Resource<SignalAttributes>>();
        await foreach (Resource<SignalAttributes> signal in client.SelectAllSignalsAsync(new ResourceQuery { Sort = ["-input"] }))
        {
            allSignals.Add(signal);
        }

        Assert.Equal(signals.Keys.OrderDescending(StringComparer.Ordinal), allSignals.Select(s => s.Attributes!.Input));
        Assert.Equal(8, emulator.GetRpcRequestCount(ClarifyRpcMethods.SelectSignals) - 1);
    }

    [Fact]
    public async Task Republishing_updates_the_item_in_place()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync();
        using ClarifyClient client = CreateClient(emulator);
        SaveSignalsResult saved = await client.SaveSignalsAsync(new Dictionary<string, SignalSave> { ["pump"] = new() { Name = "Pump" } });
        string signalId = saved.SignalsByInput["pump"].Id;

        PublishSignalsResult created = await client.PublishSignalsAsync(new Dictionary<string, ItemSave> { [signalId] = new() { Name = "Pump" } }, createOnly: true);
        PublishSignalsResult updated = await client.PublishSignalsAsync(new Dictionary<string, ItemSave> { [signalId] = new() { Name = "Main pump", Visible = true } });

        Assert.True(created.ItemsBySignal[signalId].Created);
        Assert.False(updated.ItemsBySignal[signalId].Created);
        Assert.True(updated.ItemsBySignal[signalId].Updated);
        Assert.Equal(created.ItemsBySignal[signalId].Id, updated.ItemsBySignal[signalId].Id);
        Selection<List<Resource<ItemAttributes>>> items = await client.SelectItemsAsync(Items(updated.ItemsBySignal[signalId].Id));
        Resource<ItemAttributes> item = Assert.Single(items.Data!);
        Assert.Equal("Main pump", item.Attributes!.Name);
        Assert.True(item.Attributes.Visible);
    }
}
