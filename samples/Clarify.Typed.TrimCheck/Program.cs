// Exercises the typed client and the SQLite writer store end to end inside a trimmed app, against
// an in-process fake of Clarify's JSON-RPC endpoint, so trimming problems show up as warnings at
// publish time and as failures at run time.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using Clarify.Typed.Signals;

ClarifyOptions options = ClarifyOptions.Create("https://api.clarify.io/v1/", "c618rbfqfsj7mjkj0ss1", "client-credentials", "trim-check", "not-a-real-secret");
using var http = new HttpClient(new FakeClarify());
using var client = new ClarifyClient(http, options, new ClarifyClientOptions { EnableRateLimiting = false });

DataFrame frame = DataFrame.CreateBuilder()
    .AddRow(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), "temperature", 21.5)
    .AddRow(new DateTimeOffset(2024, 1, 1, 0, 1, 0, TimeSpan.Zero), "temperature", double.NaN)
    .Build();
InsertResult inserted = await client.InsertAsync(frame);
Check(inserted.SignalsByInput["temperature"].Created, "insert result");

// A [ClarifySignals] record: its generated metadata, writer and reader must work trimmed (no reflection).
var readings = new[]
{
    (Time: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Reading: new BoilerReading(71.5, 4.2, BoilerState.Running, true)),
    (Time: new DateTimeOffset(2024, 1, 1, 0, 1, 0, TimeSpan.Zero), Reading: new BoilerReading(null, 4.1, BoilerState.Off, null)),
};
DataFrameBuilder typed = DataFrame.CreateBuilder();
foreach ((DateTimeOffset time, BoilerReading reading) in readings)
{
    typed.AddRow(time, reading);
}

DataFrame typedFrame = typed.Build();
Check(typedFrame.ReadRows<BoilerReading>().SequenceEqual(readings), "typed readings round trip");
Check(BoilerReading.Signals[BoilerReading.InputKeys.State].EnumValues is { Count: 2 } states && states[1] == "Running", "typed signal metadata");
Check((await client.InsertAsync(typedFrame)).SignalsByInput.Count == 1, "typed insert");

var items = new List<string>();
await foreach (Resource<ItemAttributes> item in client.SelectAllItemsAsync(new ResourceQuery { Filter = ResourceFilter.Regex("name", "^T") & ResourceFilter.Equals("visible", true) }))
{
    items.Add(item.Attributes?.Name ?? item.Id);
}

Check(items.Count == 1 && items[0] == "Temperature", "selectItems paging");

try
{
    await client.SaveSignalsAsync(new Dictionary<string, SignalSave> { ["temperature"] = new() { Name = "Temperature", GapDetection = TimeSpan.FromHours(1) } });
    Check(false, "error mapping");
}
catch (ClarifyRpcException e) when (e.Code == ClarifyRpcErrorCode.InvalidParams && e.Params.ContainsKey("signalsByInput.temperature.name"))
{
}

// The SQLite store: the native library loads, points go through the file, and a dead letter's
// error (kept as JSON) reads back as the ClarifyRpcException it was.
string outbox = Path.Combine(AppContext.BaseDirectory, "trim-check-outbox.db");
File.Delete(outbox);
await using (ClarifyWriter writer = ClarifyWriter.Create(client, new ClarifyWriterOptions().UseSqlite(outbox)))
{
    await writer.WriteAsync("temperature", new DateTimeOffset(2024, 1, 1, 0, 2, 0, TimeSpan.Zero), 22.5);
    await writer.FlushAsync();
    Check(writer.Store is ClarifySqliteWriterStore && writer.PendingPoints == 0, "SQLite writer store");
}

await using (ClarifySqliteWriterStore store = ClarifySqliteWriterStore.Open(outbox))
{
    var refused = new ClarifyRpcException(ClarifyRpcMethods.Insert, new JsonRpcError
    {
        Code = (int)ClarifyRpcErrorCode.InvalidParams,
        Message = "Invalid params",
        Data = new JsonRpcErrorData { Params = new() { ["data.series.poison"] = ["invalid input key"] } },
    });
    await store.DeadLetterAsync(new ClarifyDeadLetter([new WritePoint("poison", DateTimeOffset.UnixEpoch, 1)], refused, DateTimeOffset.UnixEpoch), CancellationToken.None);
    IReadOnlyList<ClarifyDeadLetter> deadLetters = await store.ReadDeadLettersAsync(CancellationToken.None);
    Check(deadLetters.Count == 1 && deadLetters[0].Error is ClarifyRpcException { Params.Count: 1 }, "SQLite dead letters");
}

Console.WriteLine("Trimmed client works: insert, typed readings, paging, error mapping and the SQLite writer store.");
return 0;

static void Check(bool ok, string what)
{
    if (!ok)
    {
        Console.Error.WriteLine($"Trim check failed: {what}");
        Environment.Exit(1);
    }
}

/// <summary>Answers each JSON-RPC method with a canned result, echoing the request id.</summary>
internal sealed class FakeClarify : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        JsonObject call = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        string member = call["method"]!.GetValue<string>() == ClarifyRpcMethods.SaveSignals ? "error" : "result";
        string payload = call["method"]!.GetValue<string>() switch
        {
            ClarifyRpcMethods.Insert => """{"signalsByInput":{"temperature":{"id":"c8keagasahsp3cpvma20","created":true}}}""",
            ClarifyRpcMethods.SelectItems => """{"meta":{"total":1},"data":[{"type":"items","id":"c8l95d2sahsh22imiabg","attributes":{"name":"Temperature","visible":true}}]}""",
            _ => """{"code":-32602,"message":"Invalid params","data":{"params":{"signalsByInput.temperature.name":["taken"]}}}""",
        };
        var response = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = call["id"]!.DeepClone(), [member] = JsonNode.Parse(payload) };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(response.ToJsonString(), Encoding.UTF8, "application/json") };
    }
}

internal enum BoilerState
{
    Off,
    Running,
}

[ClarifySignals]
internal sealed partial record BoilerReading(
    [property: ClarifySignal("boiler/temperature", Name = "Boiler temperature", EngUnit = "°C", SampleInterval = "PT1M")] double? Temperature,
    [property: ClarifySignal("boiler/pressure", EngUnit = "bar")] double Pressure,
    [property: ClarifySignal("boiler/state")] BoilerState State,
    [property: ClarifySignal("boiler/alarm")] bool? Alarm);
