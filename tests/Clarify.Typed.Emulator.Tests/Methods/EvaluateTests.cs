using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Clarify.Typed.Emulator.Tests.Methods;

public sealed class EvaluateTests
{
    [Fact]
    public async Task Calculations_combine_aggregated_items_bucket_by_bucket()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        var ids = await Wire.InsertAndPublishAsync(
            client,
            ["2024-03-01T00:00:00Z", "2024-03-01T00:30:00Z", "2024-03-01T01:00:00Z", "2024-03-01T02:00:00Z"],
            new() { ["power"] = [2, 4, 10, 5], ["count"] = [1, 1, 0, null] });

        JsonObject result = await client.ResultAsync("clarify.evaluate", new JsonObject
        {
            ["items"] = new JsonArray(
                new JsonObject { ["id"] = ids["power"], ["aggregation"] = "avg", ["alias"] = "p" },
                new JsonObject { ["id"] = ids["count"], ["aggregation"] = "sum", ["alias"] = "n" }),
            ["calculations"] = new JsonArray(
                new JsonObject { ["formula"] = "(p + 2) * 3 - n / 2", ["alias"] = "mix" },
                new JsonObject { ["formula"] = "p / n", ["alias"] = "ratio" },
                new JsonObject { ["formula"] = "-mix + 1.5", ["alias"] = "chained" }),
            ["data"] = new JsonObject { ["rollup"] = "PT1H" },
        });

        JsonObject frame = result["data"]!.AsObject();
        Assert.Equal(["2024-03-01T00:00:00Z", "2024-03-01T01:00:00Z", "2024-03-01T02:00:00Z"], Wire.Strings(frame["times"]));
        Assert.Equal(["p", "n", "mix", "ratio", "chained"], frame["series"]!.AsObject().Select(s => s.Key).ToArray());
        Assert.Equal([3, 10, 5], Wire.Numbers(frame["series"]!["p"]));
        Assert.Equal([2, 0, null], Wire.Numbers(frame["series"]!["n"]));
        Assert.Equal([14, 36, null], Wire.Numbers(frame["series"]!["mix"]));
        Assert.Equal([1.5, null, null], Wire.Numbers(frame["series"]!["ratio"]));
        Assert.Equal([-12.5, -34.5, null], Wire.Numbers(frame["series"]!["chained"]));
    }

    [Theory]
    [InlineData("p +", "calculations.0.formula")]
    [InlineData("p * unknown", "calculations.0.formula")]
    [InlineData("(p", "calculations.0.formula")]
    public async Task Bad_formulas_are_invalid_params_at_their_path(string formula, string path)
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        var ids = await Wire.InsertAndPublishAsync(client, ["2024-03-01T00:00:00Z"], new() { ["x"] = [1] });

        JsonObject error = await client.ErrorAsync("clarify.evaluate", new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject { ["id"] = ids["x"], ["aggregation"] = "avg", ["alias"] = "p" }),
            ["calculations"] = new JsonArray(new JsonObject { ["formula"] = formula, ["alias"] = "c" }),
            ["data"] = new JsonObject { ["rollup"] = "PT1H" },
        });

        Assert.Equal(-32602, error["code"]!.GetValue<int>());
        Assert.NotNull(error["data"]!["params"]![path]);
    }

    [Fact]
    public async Task Evaluate_requires_a_rollup_and_valid_aliases()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();
        var ids = await Wire.InsertAndPublishAsync(client, ["2024-03-01T00:00:00Z"], new() { ["x"] = [1] });

        JsonObject error = await client.ErrorAsync("clarify.evaluate", new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject { ["id"] = ids["x"], ["aggregation"] = "avg", ["alias"] = "1bad" }),
            ["data"] = new JsonObject(),
        });

        Assert.Equal(["data.rollup", "items.0.alias"], error["data"]!["params"]!.AsObject().Select(p => p.Key).Order().ToArray());
    }

    [Fact]
    public async Task Groups_are_refused_by_name_rather_than_ignored()
    {
        await using EmulatorClient client = await EmulatorClient.StartAsync();

        JsonObject error = await client.ErrorAsync("clarify.evaluate", new JsonObject
        {
            ["groups"] = new JsonArray(new JsonObject { ["alias"] = "g1", ["query"] = new JsonObject(), ["timeAggregation"] = "avg", ["groupAggregation"] = "avg" }),
            ["calculations"] = new JsonArray(new JsonObject { ["formula"] = "g1", ["alias"] = "c" }),
            ["data"] = new JsonObject { ["rollup"] = "PT1H" },
        }, "1.2alpha1");

        Assert.NotNull(error["data"]!["params"]!["groups"]);
    }
}
