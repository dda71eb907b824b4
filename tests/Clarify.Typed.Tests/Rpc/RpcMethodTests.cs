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
    public async Task Insert_sends_the_envelope_and_parses_pyclarifys_response()
    {
        JsonNode fixture = RpcServer.Fixture("pyclarify.dataframe.json")["insert"]!["response"]!["result"]!;
        using var server = new RpcServer(RpcServer.Result(fixture.ToJsonString()));
        DataFrame frame = new([DateTimeOffset.Parse("2021-10-10T21:00:00+00:00"), DateTimeOffset.Parse("2021-10-10T22:00:00.1234567+00:00")],
            new Dictionary<string, IReadOnlyList<double?>> { ["signal1"] = [1.0, 2.5], ["signal2"] = [3.0, double.NaN] });

        InsertResult result = await server.Client.InsertAsync(frame, SafetyNet.Token);

        RpcServer.AssertJsonEqual($$$"""
            {"jsonrpc":"2.0","id":1,"method":"integration.insert","params":{"integration":"{{{RpcServer.IntegrationId}}}",
             "data":{"times":["2021-10-10T21:00:00Z","2021-10-10T22:00:00.123456Z"],"series":{"signal1":[1,2.5],"signal2":[3,null]} } } }
            """, server.Requests.Single());
        Assert.Equal("c5vv12btaf7d0qbk0l0e", result.SignalsByInput["c5vv12btaf7d0qbk0l0e"].Id);
        Assert.True(result.SignalsByInput["c5vv12btaf7d0qbk0l0e"].Created);
    }

    [Fact]
    public async Task SaveSignals_sends_signalsByInput_and_parses_the_summaries()
    {
        JsonNode fixture = RpcServer.Fixture("pyclarify.signals.json")["save_signals"]!["test_cases"]![1]!["response"]!["result"]!;
        using var server = new RpcServer(RpcServer.Result(fixture.ToJsonString()));

        SaveSignalsResult result = await server.Client.SaveSignalsAsync(
            new Dictionary<string, SignalSave>
            {
                ["signal1"] = new() { Name = "my test signal", ValueType = ValueKind.Numeric, SourceType = SourceKind.Measurement, GapDetection = TimeSpan.FromHours(1), Labels = new() { ["site"] = ["oslo"] } },
                ["signal2"] = new() { Name = "my test signal 2", ValueType = ValueKind.Enum, EnumValues = new() { [0] = "off", [1] = "on" }, Annotations = new() { ["origin"] = "test" } },
            },
            createOnly: true,
            SafetyNet.Token);

        RpcServer.AssertJsonEqual($$$"""
            {"jsonrpc":"2.0","id":1,"method":"integration.saveSignals","params":{"integration":"{{{RpcServer.IntegrationId}}}","createOnly":true,
             "signalsByInput":{
               "signal1":{"name":"my test signal","valueType":"numeric","sourceType":"measurement","gapDetection":"PT1H","labels":{"site":["oslo"]}},
               "signal2":{"name":"my test signal 2","valueType":"enum","enumValues":{"0":"off","1":"on"},"annotations":{"origin":"test"} } } }}
            """, server.Requests.Single());
        Assert.Equal(2, result.SignalsByInput.Count);
        Assert.Equal("c7g2ir7qfsj08glu5c2g", result.SignalsByInput["signal1"].Id);
        Assert.True(result.SignalsByInput["signal2"].Created);
        Assert.False(result.SignalsByInput["signal2"].Updated);
    }

    [Fact]
    public async Task SelectSignals_parses_clarify_gos_selection_with_included_items()
    {
        JsonNode fixture = RpcServer.Fixture("clarify-go.result_admin_selectsignals.json");
        using var server = new RpcServer(RpcServer.Result(fixture.ToJsonString()));

        Selection<List<Resource<SignalAttributes>>> selection = await server.Client.SelectSignalsAsync(
            new ResourceQuery { Filter = ResourceFilter.Equals("input", "temp"), Sort = ["-id"], Limit = 10, Total = true },
            ["item"],
            SafetyNet.Token);

        RpcServer.AssertJsonEqual($$$"""
            {"jsonrpc":"2.0","id":1,"method":"admin.selectSignals","params":{"integration":"{{{RpcServer.IntegrationId}}}",
             "query":{"filter":{"input":"temp"},"sort":["-id"],"limit":10,"total":true},"include":["item"],{{{Format}}}}}
            """, server.Requests.Single());
        Assert.Equal(2, selection.Meta!.Total);
        Resource<SignalAttributes> signal = Assert.Single(selection.Data!);
        Assert.Equal("c8keagasahsp3cpvma20", signal.Id);
        Assert.Equal("signals", signal.Type);
        Assert.Equal("Temperature", signal.Attributes!.Name);
        Assert.Equal("°C", signal.Attributes.EngUnit);
        Assert.Equal(ValueKind.Numeric, signal.Attributes.ValueType);
        Assert.Equal(SourceKind.Measurement, signal.Attributes.SourceType);
        Assert.Equal(TimeSpan.FromHours(1), signal.Attributes.GapDetection);
        Assert.Null(signal.Attributes.SampleInterval);
        Assert.Equal(["Living room", "inside"], signal.Attributes.Labels!["location"]);
        Assert.Equal("temp", signal.Attributes.Input);
        Assert.Equal(new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero), signal.Meta!.CreatedAt);
        Assert.Equal("c8l95d2sahsh22imiabg", signal.Relationships!["item"]!.Single!.Id);
        Assert.Equal("c8ktonqsahsmemfs7lv0", signal.Relationships["integration"]!.Single!.Id);
        Resource<ItemAttributes> item = Assert.Single(selection.Included!.Items!);
        Assert.True(item.Attributes!.Visible);
        Assert.Equal("c8keagasahsp3cpvma20", item.Meta!.Annotations!["clarify/clarify-go/from/signal/id"]);
    }

    [Fact]
    public async Task SelectSignals_tolerates_pyclarifys_older_shapes()
    {
        JsonNode fixture = RpcServer.Fixture("pyclarify.signals.json")["select_signals"]!["response"]!["result"]!;
        using var server = new RpcServer(RpcServer.Result(fixture.ToJsonString()));

        Selection<List<Resource<SignalAttributes>>> selection = await server.Client.SelectSignalsAsync(cancellationToken: SafetyNet.Token);

        Assert.Equal(-1, selection.Meta!.Total);
        Assert.Equal(["Signal 39", "Signal 47"], selection.Data!.Select(s => s.Attributes!.Name));
        Assert.Null(selection.Data![0].Relationships!["integration"]);
        Assert.Equal("cbpmaq6rpn52969vfl00", selection.Data[0].Relationships!["item"]!.Single!.Id);
        Assert.Equal(TimeSpan.FromSeconds(3456000), selection.Included!.Items![0].Attributes!.GapDetection);
    }

    [Fact]
    public async Task PublishSignals_sends_itemsBySignal_and_parses_the_summaries()
    {
        JsonNode fixture = RpcServer.Fixture("pyclarify.items.json")["publish_signals"]!["test_cases"]![1]!["response"]!["result"]!;
        using var server = new RpcServer(RpcServer.Result(fixture.ToJsonString()));

        PublishSignalsResult result = await server.Client.PublishSignalsAsync(
            new Dictionary<string, ItemSave> { ["c7kmudvqfsjfb27kpr30"] = new() { Name = "my test signal", Visible = true, EngUnit = "" } },
            createOnly: false,
            SafetyNet.Token);

        RpcServer.AssertJsonEqual($$$"""
            {"jsonrpc":"2.0","id":1,"method":"admin.publishSignals","params":{"integration":"{{{RpcServer.IntegrationId}}}","createOnly":false,
             "itemsBySignal":{"c7kmudvqfsjfb27kpr30":{"name":"my test signal","engUnit":"","visible":true} } } }
            """, server.Requests.Single());
        Assert.Equal("c7o06mvqfsjalqv80iqg", result.ItemsBySignal["c7kmudvqfsjfb27kpr30"].Id);
        Assert.Equal("c7o07lvqfsjalqv80ir0", result.ItemsBySignal["c7kmudvqfsjfb27kpr3g"].Id);
    }

    [Fact]
    public async Task SelectItems_sends_the_query_and_parses_pyclarifys_items()
    {
        JsonNode fixture = RpcServer.Fixture("pyclarify.items.json")["select_items"]!["response"]!["result"]!;
        using var server = new RpcServer(RpcServer.Result(fixture.ToJsonString()));

        Selection<List<Resource<ItemAttributes>>> selection = await server.Client.SelectItemsAsync(
            new ResourceQuery { Filter = ResourceFilter.In("name", "Item 33", "Item 42"), Skip = 0 },
            cancellationToken: SafetyNet.Token);

        RpcServer.AssertJsonEqual($$$"""
            {"jsonrpc":"2.0","id":1,"method":"clarify.selectItems","params":{"query":{"filter":{"name":{"$in":["Item 33","Item 42"]}},"skip":0},{{{Format}}}}}
            """, server.Requests.Single());
        Assert.Equal(["cbpmaq6rpn52969vfl00", "cbpmaq6rpn52969vfl0g"], selection.Data!.Select(i => i.Id));
        Assert.True(selection.Data![0].Attributes!.Visible);
        Assert.Equal(new DateTimeOffset(2022, 8, 10, 7, 59, 36, 448, TimeSpan.Zero), selection.Data[0].Meta!.CreatedAt);
        Assert.Null(selection.Included);
    }

    [Fact]
    public async Task DataFrame_sends_the_data_query_and_parses_microsecond_times()
    {
        JsonNode fixture = RpcServer.Fixture("pyclarify.dataframe.json")["data_frame"]!["response"]!["result"]!;
        using var server = new RpcServer(RpcServer.Result(fixture.ToJsonString()));
        var from = new DateTimeOffset(2023, 10, 20, 10, 0, 0, TimeSpan.Zero);

        Selection<DataFrame> selection = await server.Client.DataFrameAsync(
            new ResourceQuery { Filter = ResourceFilter.Equals("id", "cbpmaq6rpn52969vfl00"), Limit = 50 },
            new DataQuery { Filter = DataFilter.TimeRange(from, from.AddDays(1)).WithSeries("cbpmaq6rpn52969vfl00"), Rollup = Rollup.Every(TimeSpan.FromMinutes(30)), TimeZone = "Europe/Oslo", FirstDayOfWeek = 1 },
            ["item"],
            SafetyNet.Token);

        RpcServer.AssertJsonEqual($$$"""
            {"jsonrpc":"2.0","id":1,"method":"clarify.dataFrame","params":{"query":{"filter":{"id":"cbpmaq6rpn52969vfl00"},"limit":50},
             "data":{"filter":{"times":{"$gte":"2023-10-20T10:00:00Z","$lt":"2023-10-21T10:00:00Z"},"series":{"$in":["cbpmaq6rpn52969vfl00"]}},
                     "rollup":"PT30M","timeZone":"Europe/Oslo","firstDayOfWeek":1},
             "include":["item"],{{{FrameFormat}}}}}
            """, server.Requests.Single());
        DataFrame frame = selection.Data!;
        JsonArray times = fixture["data"]!["times"]!.AsArray();
        Assert.Equal(times.Count, frame.RowCount);
        Assert.Equal(new DateTimeOffset(2023, 10, 20, 10, 26, 9, TimeSpan.Zero).AddTicks(6269060), frame.Times[0]);
        JsonArray values = fixture["data"]!["series"]!["cbpmaq6rpn52969vfl00"]!.AsArray();
        Assert.Equal(values.Select(v => v?.GetValue<double>()), frame["cbpmaq6rpn52969vfl00"]!);
        Assert.Equal("Item 33", Assert.Single(selection.Included!.Items!).Attributes!.Name);
    }

    [Fact]
    public async Task Evaluate_sends_items_calculations_and_rollup()
    {
        using var server = new RpcServer(RpcServer.Result("""
            {"meta":{"total":-1,"format":{"dataAsArray":true,"groupIncludedByType":true}},
             "data":{"times":["2024-01-01T00:00:00Z","2024-01-01T01:00:00Z"],"series":{"c":[2.5,null]}},"included":{}}
            """));
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Selection<DataFrame> result = await server.Client.EvaluateAsync(
            [new EvaluateItem { Id = "cbpmaq6rpn52969vfl00", Aggregation = Aggregation.StateSeconds, State = 1, Lag = 2, Alias = "a" },
             new EvaluateItem { Id = "cbpmaq6rpn52969vfl0g", Aggregation = Aggregation.Avg, Alias = "b" }],
            [new Calculation { Formula = "a + b", Alias = "c" }],
            new DataQuery { Filter = DataFilter.TimeRange(from, from.AddHours(2)), Rollup = Rollup.Parse("PT1H") },
            cancellationToken: SafetyNet.Token);

        RpcServer.AssertJsonEqual($$$"""
            {"jsonrpc":"2.0","id":1,"method":"clarify.evaluate","params":{
             "items":[{"id":"cbpmaq6rpn52969vfl00","aggregation":"state-seconds","state":1,"lag":2,"alias":"a"},{"id":"cbpmaq6rpn52969vfl0g","aggregation":"avg","alias":"b"}],
             "calculations":[{"formula":"a + b","alias":"c"}],
             "data":{"filter":{"times":{"$gte":"2024-01-01T00:00:00Z","$lt":"2024-01-01T02:00:00Z"}},"rollup":"PT1H"},{{{FrameFormat}}}}}
            """, server.Requests.Single());
        Assert.Equal([2.5, null], result.Data!["c"]!);
    }

    [Fact]
    public async Task ConnectSignals_sends_the_item_and_API_version_1_2alpha1()
    {
        JsonNode fixture = RpcServer.Fixture("clarify-go.result_admin_selectsignals.json");
        using var server = new RpcServer(RpcServer.Result(fixture.ToJsonString()));
        var query = new ResourceQuery { Filter = ResourceFilter.Equals("id", "c8keagasahsp3cpvma20") };

        Selection<List<Resource<SignalAttributes>>> selection = await server.Client.ConnectSignalsAsync("c8l95d2sahsh22imiabg", query, SafetyNet.Token);

        RpcServer.AssertJsonEqual($$$"""
            {"jsonrpc":"2.0","id":1,"method":"admin.connectSignals","params":{"integration":"{{{RpcServer.IntegrationId}}}","item":"c8l95d2sahsh22imiabg",
             "query":{"filter":{"id":"c8keagasahsp3cpvma20"}},{{{Format}}}}}
            """, server.Requests.Single());
        Assert.Equal("1.2alpha1", Assert.Single(server.Server.LogEntries).RequestMessage.Headers!["X-API-Version"].Single());
        Assert.Equal("c8keagasahsp3cpvma20", Assert.Single(selection.Data!).Id);
    }

    // As clarify-go's DisconnectSignals(integration, query): signals leave whatever item they feed, so there is no item.
    [Fact]
    public async Task DisconnectSignals_sends_integration_query_and_format_only_with_API_version_1_2alpha1()
    {
        JsonNode fixture = RpcServer.Fixture("clarify-go.result_admin_selectsignals.json");
        using var server = new RpcServer(RpcServer.Result(fixture.ToJsonString()));
        var query = new ResourceQuery { Filter = ResourceFilter.Equals("id", "c8keagasahsp3cpvma20") };

        Selection<List<Resource<SignalAttributes>>> selection = await server.Client.DisconnectSignalsAsync(query, SafetyNet.Token);

        RpcServer.AssertJsonEqual($$$"""
            {"jsonrpc":"2.0","id":1,"method":"admin.disconnectSignals","params":{"integration":"{{{RpcServer.IntegrationId}}}",
             "query":{"filter":{"id":"c8keagasahsp3cpvma20"}},{{{Format}}}}}
            """, server.Requests.Single());
        Assert.Equal("1.2alpha1", Assert.Single(server.Server.LogEntries).RequestMessage.Headers!["X-API-Version"].Single());
        Assert.Equal("c8keagasahsp3cpvma20", Assert.Single(selection.Data!).Id);
    }

    [Fact]
    public async Task Calls_post_to_rpc_under_the_api_url_with_increasing_ids()
    {
        using var server = new RpcServer(RpcServer.Result("""{"meta":{"total":0},"data":[]}"""));

        await server.Client.SelectItemsAsync(cancellationToken: SafetyNet.Token);
        await server.Client.SelectItemsAsync(cancellationToken: SafetyNet.Token);
        await server.Client.SelectSignalsAsync(cancellationToken: SafetyNet.Token);

        Assert.Equal([1L, 2L, 3L], server.Requests.Select(r => r["id"]!.GetValue<long>()));
        Assert.All(server.Server.LogEntries, e => Assert.Equal("/v1/rpc", e.RequestMessage.Path));
        Assert.All(server.Server.LogEntries, e => Assert.StartsWith("application/json", e.RequestMessage.Headers!["Content-Type"].Single(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_string_id_equal_to_the_request_id_is_accepted()
    {
        using var server = new RpcServer(_ => (200, """{"jsonrpc":"2.0","id":"1","result":{"itemsBySignal":{}},"error":null}"""));

        PublishSignalsResult result = await server.Client.PublishSignalsAsync(new Dictionary<string, ItemSave>(), cancellationToken: SafetyNet.Token);

        Assert.Empty(result.ItemsBySignal);
    }
}
