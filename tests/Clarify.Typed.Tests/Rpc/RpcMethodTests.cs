using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Tests.Rpc;

public sealed class RpcMethodTests
{
    private const string Format = "\"format\":{\"dataAsArray\":true,\"groupIncludedByType\":true}";
    private const string FrameFormat = "\"format\":{\"dataAsArray\":false,\"groupIncludedByType\":true}";

    [Fact]
    public async Task Insert_sends_the_envelope_and_parses_the_summaries()
    {
        JsonNode fixture = RpcFixtures.Read("insert.json");
        using var server = new FakeClarify(FakeClarify.Result(fixture.ToJsonString()));
        using ClarifyClient client = server.CreateRpcClient();
        DataFrame frame = new([DateTimeOffset.Parse("2021-10-10T21:00:00+00:00"), DateTimeOffset.Parse("2021-10-10T22:00:00.1234567+00:00")],
            new Dictionary<string, IReadOnlyList<double?>> { ["signal1"] = [1.0, 2.5], ["signal2"] = [3.0, double.NaN] });

        InsertResult result = await client.InsertAsync(frame, SafetyNet.Token);

        JsonAssert.Equal($$$"""
            {"jsonrpc":"2.0","id":1,"method":"integration.insert","params":{"integration":"{{{TestCredentials.IntegrationId}}}",
             "data":{"times":["2021-10-10T21:00:00Z","2021-10-10T22:00:00.123456Z"],"series":{"signal1":[1,2.5],"signal2":[3,null]} } } }
            """, server.Requests.Single().Json);
        Assert.Equal("cn1b5f3k0s7g00a1x2b0", result.SignalsByInput["plant-a/boiler/temperature"].Id);
        Assert.True(result.SignalsByInput["plant-a/boiler/temperature"].Created);
    }

    [Fact]
    public async Task SaveSignals_sends_signalsByInput_and_parses_the_summaries()
    {
        JsonNode fixture = RpcFixtures.Read("save-signals.json");
        using var server = new FakeClarify(FakeClarify.Result(fixture.ToJsonString()));
        using ClarifyClient client = server.CreateRpcClient();

        SaveSignalsResult result = await client.SaveSignalsAsync(
            new Dictionary<string, SignalSave>
            {
                ["signal1"] = new() { Name = "my test signal", ValueType = ValueKind.Numeric, SourceType = SourceKind.Measurement, GapDetection = TimeSpan.FromHours(1), Labels = new() { ["site"] = ["oslo"] } },
                ["signal2"] = new() { Name = "my test signal 2", ValueType = ValueKind.Enum, EnumValues = new() { [0] = "off", [1] = "on" }, Annotations = new() { ["origin"] = "test" } },
            },
            createOnly: true,
            SafetyNet.Token);

        JsonAssert.Equal($$$"""
            {"jsonrpc":"2.0","id":1,"method":"integration.saveSignals","params":{"integration":"{{{TestCredentials.IntegrationId}}}","createOnly":true,
             "signalsByInput":{
               "signal1":{"name":"my test signal","valueType":"numeric","sourceType":"measurement","gapDetection":"PT1H","labels":{"site":["oslo"]}},
               "signal2":{"name":"my test signal 2","valueType":"enum","enumValues":{"0":"off","1":"on"},"annotations":{"origin":"test"} } } }}
            """, server.Requests.Single().Json);
        Assert.Equal(2, result.SignalsByInput.Count);
        Assert.Equal("cn1b6a2k0s7g00a1x2c0", result.SignalsByInput["signal1"].Id);
        Assert.False(result.SignalsByInput["signal1"].Created);
        Assert.True(result.SignalsByInput["signal1"].Updated);
        Assert.True(result.SignalsByInput["signal2"].Created);
        Assert.False(result.SignalsByInput["signal2"].Updated);
    }

    [Fact]
    public async Task SelectSignals_parses_a_selection_with_included_items()
    {
        JsonNode fixture = RpcFixtures.Read("select-signals.json");
        using var server = new FakeClarify(FakeClarify.Result(fixture.ToJsonString()));
        using ClarifyClient client = server.CreateRpcClient();

        Selection<List<Resource<SignalAttributes>>> selection = await client.SelectSignalsAsync(
            new ResourceQuery { Filter = ResourceFilter.Equals("input", "temp"), Sort = ["-id"], Limit = 10, Total = true },
            ["item"],
            SafetyNet.Token);

        JsonAssert.Equal($$$"""
            {"jsonrpc":"2.0","id":1,"method":"admin.selectSignals","params":{"integration":"{{{TestCredentials.IntegrationId}}}",
             "query":{"filter":{"input":"temp"},"sort":["-id"],"limit":10,"total":true},"include":["item"],{{{Format}}}}}
            """, server.Requests.Single().Json);
        Assert.Equal(3, selection.Meta!.Total);
        Resource<SignalAttributes> signal = Assert.Single(selection.Data!);
        Assert.Equal("cn1c0e9k0s7g00b3y4a0", signal.Id);
        Assert.Equal("signals", signal.Type);
        Assert.Equal("Flow rate", signal.Attributes!.Name);
        Assert.Equal("m³/h", signal.Attributes.EngUnit);
        Assert.Equal(ValueKind.Numeric, signal.Attributes.ValueType);
        Assert.Equal(SourceKind.Measurement, signal.Attributes.SourceType);
        Assert.Equal(TimeSpan.FromMinutes(15), signal.Attributes.GapDetection);
        Assert.Null(signal.Attributes.SampleInterval);
        Assert.Equal(["Bergen", "hall 2"], signal.Attributes.Labels!["site"]);
        Assert.Equal("boiler2/flow", signal.Attributes.Input);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 8, 0, 0, TimeSpan.Zero), signal.Meta!.CreatedAt);
        Assert.Equal("cn1c2f0k0s7g00b3y4b0", signal.Relationships!["item"]!.Single!.Id);
        Assert.Equal("cn1a9a1k0s7g00c5z6a0", signal.Relationships["integration"]!.Single!.Id);
        Resource<ItemAttributes> item = Assert.Single(selection.Included!.Items!);
        Assert.False(item.Attributes!.Visible);
        Assert.Equal("cn1c0e9k0s7g00b3y4a0", item.Meta!.Annotations!["example/published-from/signal"]);
    }

    [Fact]
    public async Task SelectSignals_tolerates_the_older_shapes_the_SDKs_accept()
    {
        JsonNode fixture = RpcFixtures.Read("select-signals.older-shapes.json");
        using var server = new FakeClarify(FakeClarify.Result(fixture.ToJsonString()));
        using ClarifyClient client = server.CreateRpcClient();

        Selection<List<Resource<SignalAttributes>>> selection = await client.SelectSignalsAsync(cancellationToken: SafetyNet.Token);

        Assert.Equal(-1, selection.Meta!.Total);
        Assert.Equal(["Pump 7 speed", "Pump 7 running"], selection.Data!.Select(s => s.Attributes!.Name));
        Assert.Null(selection.Data![0].Relationships!["integration"]);
        Assert.Equal("cn1d3b2k0s7g00d7e8b0", selection.Data[0].Relationships!["item"]!.Single!.Id);
        Assert.Equal(ValueKind.Enum, selection.Data[1].Attributes!.ValueType);
        Assert.Equal("running", selection.Data[1].Attributes!.EnumValues![1]);
        Assert.Equal(new DateTimeOffset(2023, 11, 12, 13, 14, 15, 16, TimeSpan.Zero), selection.Data[0].Meta!.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(2), selection.Included!.Items![0].Attributes!.GapDetection);
    }

    [Fact]
    public async Task PublishSignals_sends_itemsBySignal_and_parses_the_summaries()
    {
        JsonNode fixture = RpcFixtures.Read("publish-signals.json");
        using var server = new FakeClarify(FakeClarify.Result(fixture.ToJsonString()));
        using ClarifyClient client = server.CreateRpcClient();

        PublishSignalsResult result = await client.PublishSignalsAsync(
            new Dictionary<string, ItemSave> { ["cn1b6a2k0s7g00a1x2c0"] = new() { Name = "my test signal", Visible = true, EngUnit = "" } },
            createOnly: false,
            SafetyNet.Token);

        JsonAssert.Equal($$$"""
            {"jsonrpc":"2.0","id":1,"method":"admin.publishSignals","params":{"integration":"{{{TestCredentials.IntegrationId}}}","createOnly":false,
             "itemsBySignal":{"cn1b6a2k0s7g00a1x2c0":{"name":"my test signal","engUnit":"","visible":true} } } }
            """, server.Requests.Single().Json);
        Assert.Equal("cn1b7d4k0s7g00a1x2e0", result.ItemsBySignal["cn1b6a2k0s7g00a1x2c0"].Id);
        Assert.True(result.ItemsBySignal["cn1b6a2k0s7g00a1x2c0"].Created);
        Assert.Equal("cn1b7d4k0s7g00a1x2eg", result.ItemsBySignal["cn1b6a2k0s7g00a1x2cg"].Id);
        Assert.False(result.ItemsBySignal["cn1b6a2k0s7g00a1x2cg"].Created);
    }

    [Fact]
    public async Task SelectItems_sends_the_query_and_parses_the_items()
    {
        JsonNode fixture = RpcFixtures.Read("select-items.json");
        using var server = new FakeClarify(FakeClarify.Result(fixture.ToJsonString()));
        using ClarifyClient client = server.CreateRpcClient();

        Selection<List<Resource<ItemAttributes>>> selection = await client.SelectItemsAsync(
            new ResourceQuery { Filter = ResourceFilter.In("name", "Kiln 1 temperature", "Kiln 2 temperature"), Skip = 0 },
            cancellationToken: SafetyNet.Token);

        JsonAssert.Equal($$$"""
            {"jsonrpc":"2.0","id":1,"method":"clarify.selectItems","params":{"query":{"filter":{"name":{"$in":["Kiln 1 temperature","Kiln 2 temperature"]}},"skip":0},{{{Format}}}}}
            """, server.Requests.Single().Json);
        Assert.Equal(["cn1e4c3k0s7g00f9g0a0", "cn1e4c3k0s7g00f9g0ag"], selection.Data!.Select(i => i.Id));
        Assert.True(selection.Data![0].Attributes!.Visible);
        Assert.False(selection.Data[1].Attributes!.Visible);
        Assert.Equal(TimeSpan.FromMinutes(10), selection.Data[0].Attributes!.GapDetection);
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 7, 45, 30, 125, TimeSpan.Zero), selection.Data[0].Meta!.CreatedAt);
        Assert.Null(selection.Included);
    }

    [Fact]
    public async Task DataFrame_sends_the_data_query_and_parses_microsecond_times()
    {
        JsonNode fixture = RpcFixtures.Read("data-frame.json");
        using var server = new FakeClarify(FakeClarify.Result(fixture.ToJsonString()));
        using ClarifyClient client = server.CreateRpcClient();
        var from = new DateTimeOffset(2023, 10, 20, 10, 0, 0, TimeSpan.Zero);

        Selection<DataFrame> selection = await client.DataFrameAsync(
            new ResourceQuery { Filter = ResourceFilter.Equals("id", "cn1e4c3k0s7g00f9g0a0"), Limit = 50 },
            new DataQuery { Filter = DataFilter.TimeRange(from, from.AddDays(1)).WithSeries("cn1e4c3k0s7g00f9g0a0"), Rollup = Rollup.Every(TimeSpan.FromMinutes(30)), TimeZone = "Europe/Oslo", FirstDayOfWeek = 1 },
            ["item"],
            SafetyNet.Token);

        JsonAssert.Equal($$$"""
            {"jsonrpc":"2.0","id":1,"method":"clarify.dataFrame","params":{"query":{"filter":{"id":"cn1e4c3k0s7g00f9g0a0"},"limit":50},
             "data":{"filter":{"times":{"$gte":"2023-10-20T10:00:00Z","$lt":"2023-10-21T10:00:00Z"},"series":{"$in":["cn1e4c3k0s7g00f9g0a0"]}},
                     "rollup":"PT30M","timeZone":"Europe/Oslo","firstDayOfWeek":1},
             "include":["item"],{{{FrameFormat}}}}}
            """, server.Requests.Single().Json);
        DataFrame frame = selection.Data!;
        JsonArray times = fixture["data"]!["times"]!.AsArray();
        Assert.Equal(times.Count, frame.RowCount);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 6, 15, 2, TimeSpan.Zero).AddTicks(1234570), frame.Times[0]);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 6, 16, 32, TimeSpan.Zero).AddTicks(9999990), frame.Times[3]);
        JsonArray values = fixture["data"]!["series"]!["cn1e4c3k0s7g00f9g0a0"]!.AsArray();
        Assert.Equal(values.Select(v => v?.GetValue<double>()), frame["cn1e4c3k0s7g00f9g0a0"]!);
        Assert.Null(frame["cn1e4c3k0s7g00f9g0a0"]![2]);
        Assert.Equal("Kiln 1 temperature", Assert.Single(selection.Included!.Items!).Attributes!.Name);
    }

    [Fact]
    public async Task Evaluate_sends_items_calculations_and_rollup()
    {
        using var server = new FakeClarify(FakeClarify.Result("""
            {"meta":{"total":-1,"format":{"dataAsArray":true,"groupIncludedByType":true}},
             "data":{"times":["2024-01-01T00:00:00Z","2024-01-01T01:00:00Z"],"series":{"c":[2.5,null]}},"included":{}}
            """));
        using ClarifyClient client = server.CreateRpcClient();
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Selection<DataFrame> result = await client.EvaluateAsync(
            [new EvaluateItem { Id = "cn1e4c3k0s7g00f9g0a0", Aggregation = Aggregation.StateSeconds, State = 1, Lag = 2, Alias = "a" },
             new EvaluateItem { Id = "cbpmaq6rpn52969vfl0g", Aggregation = Aggregation.Avg, Alias = "b" }],
            [new Calculation { Formula = "a + b", Alias = "c" }],
            new DataQuery { Filter = DataFilter.TimeRange(from, from.AddHours(2)), Rollup = Rollup.Parse("PT1H") },
            cancellationToken: SafetyNet.Token);

        JsonAssert.Equal($$$"""
            {"jsonrpc":"2.0","id":1,"method":"clarify.evaluate","params":{
             "items":[{"id":"cn1e4c3k0s7g00f9g0a0","aggregation":"state-seconds","state":1,"lag":2,"alias":"a"},{"id":"cbpmaq6rpn52969vfl0g","aggregation":"avg","alias":"b"}],
             "calculations":[{"formula":"a + b","alias":"c"}],
             "data":{"filter":{"times":{"$gte":"2024-01-01T00:00:00Z","$lt":"2024-01-01T02:00:00Z"}},"rollup":"PT1H"},{{{FrameFormat}}}}}
            """, server.Requests.Single().Json);
        Assert.Equal([2.5, null], result.Data!["c"]!);
    }

    [Fact]
    public async Task ConnectSignals_sends_the_item_and_API_version_1_2alpha1()
    {
        JsonNode fixture = RpcFixtures.Read("select-signals.json");
        using var server = new FakeClarify(FakeClarify.Result(fixture.ToJsonString()));
        using ClarifyClient client = server.CreateRpcClient();
        var query = new ResourceQuery { Filter = ResourceFilter.Equals("id", "cn1c0e9k0s7g00b3y4a0") };

        Selection<List<Resource<SignalAttributes>>> selection = await client.ConnectSignalsAsync("cn1c2f0k0s7g00b3y4b0", query, SafetyNet.Token);

        JsonAssert.Equal($$$"""
            {"jsonrpc":"2.0","id":1,"method":"admin.connectSignals","params":{"integration":"{{{TestCredentials.IntegrationId}}}","item":"cn1c2f0k0s7g00b3y4b0",
             "query":{"filter":{"id":"cn1c0e9k0s7g00b3y4a0"}},{{{Format}}}}}
            """, server.Requests.Single().Json);
        Assert.Equal("1.2alpha1", Assert.Single(server.Requests).Headers["X-API-Version"].Single());
        Assert.Equal("cn1c0e9k0s7g00b3y4a0", Assert.Single(selection.Data!).Id);
    }

    // As clarify-go's DisconnectSignals(integration, query): signals leave whatever item they feed, so there is no item.
    [Fact]
    public async Task DisconnectSignals_sends_integration_query_and_format_only_with_API_version_1_2alpha1()
    {
        JsonNode fixture = RpcFixtures.Read("select-signals.json");
        using var server = new FakeClarify(FakeClarify.Result(fixture.ToJsonString()));
        using ClarifyClient client = server.CreateRpcClient();
        var query = new ResourceQuery { Filter = ResourceFilter.Equals("id", "cn1c0e9k0s7g00b3y4a0") };

        Selection<List<Resource<SignalAttributes>>> selection = await client.DisconnectSignalsAsync(query, SafetyNet.Token);

        JsonAssert.Equal($$$"""
            {"jsonrpc":"2.0","id":1,"method":"admin.disconnectSignals","params":{"integration":"{{{TestCredentials.IntegrationId}}}",
             "query":{"filter":{"id":"cn1c0e9k0s7g00b3y4a0"}},{{{Format}}}}}
            """, server.Requests.Single().Json);
        Assert.Equal("1.2alpha1", Assert.Single(server.Requests).Headers["X-API-Version"].Single());
        Assert.Equal("cn1c0e9k0s7g00b3y4a0", Assert.Single(selection.Data!).Id);
    }

    [Fact]
    public async Task Calls_post_to_rpc_under_the_api_url_with_increasing_ids()
    {
        using var server = new FakeClarify(FakeClarify.Result("""{"meta":{"total":0},"data":[]}"""));
        using ClarifyClient client = server.CreateRpcClient();

        await client.SelectItemsAsync(cancellationToken: SafetyNet.Token);
        await client.SelectItemsAsync(cancellationToken: SafetyNet.Token);
        await client.SelectSignalsAsync(cancellationToken: SafetyNet.Token);

        Assert.Equal([1L, 2L, 3L], server.Requests.Select(r => r.Json["id"]!.GetValue<long>()));
        Assert.All(server.Requests, e => Assert.Equal("/v1/rpc", e.Path));
        Assert.All(server.Requests, e => Assert.StartsWith("application/json", e.Headers["Content-Type"].Single(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_string_id_equal_to_the_request_id_is_accepted()
    {
        using var server = new FakeClarify(_ => new FakeReply(200, """{"jsonrpc":"2.0","id":"1","result":{"itemsBySignal":{}},"error":null}"""));
        using ClarifyClient client = server.CreateRpcClient();

        PublishSignalsResult result = await client.PublishSignalsAsync(new Dictionary<string, ItemSave>(), cancellationToken: SafetyNet.Token);

        Assert.Empty(result.ItemsBySignal);
    }
}
