using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Tests.Rpc;

public sealed class PagingTests
{
    [Theory]
    [InlineData(2500, 1000, true)]
    [InlineData(2000, 1000, true)]
    [InlineData(7, 3, false)]
    [InlineData(0, 1000, true)]
    public async Task Every_item_is_returned_exactly_once_across_pages(int count, int pageSize, bool countTotal)
    {
        string[] ids = Enumerable.Range(0, count).Select(i => $"item{i:D5}").ToArray();
        using var server = new FakeClarify(FakeClarify.Result(request => Page(request, ids, countTotal, "items")));
        using ClarifyClient client = server.CreateRpcClient(new ClarifyClientOptions { EnableRateLimiting = false, PageSize = pageSize });

        var seen = new List<string>();
        await foreach (Resource<ItemAttributes> item in client.SelectAllItemsAsync(new ResourceQuery { Filter = ResourceFilter.Equals("visible", true), Sort = ["id"] }, SafetyNet.Token))
        {
            seen.Add(item.Id);
        }

        Assert.Equal(ids, seen);
        List<JsonObject> requests = server.Requests.Select(r => r.Json).ToList();
        Assert.All(requests, r => Assert.Equal(pageSize, r["params"]!["query"]!["limit"]!.GetValue<int>()));
        Assert.All(requests, r => Assert.True(r["params"]!["query"]!["total"]!.GetValue<bool>()));
        Assert.All(requests, r => Assert.Equal("""{"visible":true}""", r["params"]!["query"]!["filter"]!.ToJsonString()));
        Assert.Equal(Enumerable.Range(0, requests.Count).Select(p => p * pageSize), requests.Select(r => r["params"]!["query"]!["skip"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Signals_page_the_same_way_from_a_given_skip()
    {
        string[] ids = Enumerable.Range(0, 1500).Select(i => $"sig{i:D5}").ToArray();
        using var server = new FakeClarify(FakeClarify.Result(request => Page(request, ids, countTotal: true, "signals")));
        using ClarifyClient client = server.CreateRpcClient();

        var seen = new List<string>();
        await foreach (Resource<SignalAttributes> signal in client.SelectAllSignalsAsync(new ResourceQuery { Skip = 100 }, SafetyNet.Token))
        {
            seen.Add(signal.Id);
        }

        Assert.Equal(ids.Skip(100), seen);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(ClarifyRpcMethods.SelectSignals, r.Json["method"]!.GetValue<string>()));
    }

    private static string Page(JsonObject request, string[] ids, bool countTotal, string type)
    {
        JsonNode query = request["params"]!["query"]!;
        int skip = query["skip"]!.GetValue<int>();
        int limit = query["limit"]!.GetValue<int>();
        var data = new JsonArray(ids.Skip(skip).Take(limit).Select(id => (JsonNode?)new JsonObject { ["type"] = type, ["id"] = id, ["attributes"] = new JsonObject { ["name"] = id } }).ToArray());
        return new JsonObject { ["meta"] = new JsonObject { ["total"] = countTotal ? ids.Length : -1 }, ["data"] = data }.ToJsonString();
    }
}
