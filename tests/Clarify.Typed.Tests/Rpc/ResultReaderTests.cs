using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using FsCheck;
using FsCheck.Xunit;

namespace Clarify.Typed.Tests.Rpc;

/// <summary>
/// A selection's levels are read by hand on calls (<see cref="RpcResultReaders"/>); what the JSON
/// means must stay what the types' source-generated metadata says, which users' own Refit
/// interfaces use. Each case reads the same JSON both ways and compares the results written back.
/// </summary>
public sealed class ResultReaderTests
{
    private static ClarifyJsonContext Json => ClarifyJsonContext.Default;

    [Theory]
    [InlineData("select-items.json")]
    [InlineData("select-signals.json")]
    [InlineData("select-signals.older-shapes.json")]
    [InlineData("data-frame.json")]
    public void A_recorded_selection_reads_as_its_metadata_reads_it(string fixture)
    {
        string json = RpcFixtures.Read(fixture).ToJsonString();

        string byHand = fixture.StartsWith("select-items", StringComparison.Ordinal)
            ? BothWays(json, Json.ListResourceItemAttributes, Json.SelectionListResourceItemAttributes)
            : fixture.StartsWith("data-frame", StringComparison.Ordinal)
                ? BothWays(json, Json.DataFrame, Json.SelectionDataFrame)
                : BothWays(json, Json.ListResourceSignalAttributes, Json.SelectionListResourceSignalAttributes);

        Assert.Contains("\"data\":", byHand, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"meta":{"total":0},"data":[]}""")]
    [InlineData("""{"meta":null,"data":null,"included":null}""")]
    [InlineData("""{"meta":{"total":null,"format":null}}""")]
    [InlineData("""{"meta":{"format":{"dataAsArray":false}}}""")]
    [InlineData("""{"meta":{"format":{"groupIncludedByType":false,"dataAsArray":true}},"data":[]}""")]
    [InlineData("""{}""")]
    [InlineData("""{"issues":[{"a":[1,{"b":null}]}],"meta":{"extra":{"x":[[]]},"total":-1},"data":[],"more":"text"}""")]
    [InlineData("""{"me\u0074a":{"tot\u0061l":2},"d\u0061ta":[]}""")]
    [InlineData("""{"meta":{"total":1},"meta":{"total":2},"data":[],"data":[]}""")]
    [InlineData("""{"meta":{"total":9223372036854775807},"data":[{"type":"items","id":"a","attributes":{"name":"n","labels":{"k":["v"]}}}]}""")]
    [InlineData("""{"data":[],"included":{"items":[{"type":"items","id":"i"}],"signals":[]}}""")]
    [InlineData("""null""")]
    public void An_edge_of_the_format_reads_as_its_metadata_reads_it(string json) =>
        BothWays(json, Json.ListResourceItemAttributes, Json.SelectionListResourceItemAttributes);

    [Theory]
    [InlineData("""{"meta":{"total":"3"}}""")]
    [InlineData("""{"meta":{"total":1.5}}""")]
    [InlineData("""{"meta":{"total":92233720368547758070}}""")]
    [InlineData("""{"meta":[]}""")]
    [InlineData("""{"meta":{"format":{"dataAsArray":1}}}""")]
    [InlineData("""{"meta":{"format":{"dataAsArray":null}}}""")]
    [InlineData("""{"meta":{"format":"array"}}""")]
    [InlineData("""[]""")]
    [InlineData("""{"data":{}}""")]
    [InlineData("""{"data":[{"id":5}]}""")]
    [InlineData("""{"data":[{"attributes":{"labels":{"site":"Bergen"}}}]}""")]
    [InlineData("""{"data":[{"meta":{"createdAt":"yesterday"}}]}""")]
    [InlineData("""{"included":{"items":[{"id":true}]}}""")]
    [InlineData("""{"data":[{"id":"a"]}""")]
    public void What_the_metadata_refuses_the_hand_reader_refuses_as_a_JsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, Json.SelectionListResourceItemAttributes));
        Assert.ThrowsAny<JsonException>(() => ReadByHand(json, Json.ListResourceItemAttributes));
    }

    [Property(MaxTest = 300)]
    public bool Any_selection_written_by_the_metadata_reads_back_the_same_by_hand(NonNegativeInt total, bool? dataAsArray, bool? grouped, bool withMeta, byte resources, bool withIncluded)
    {
        var selection = new Selection<List<Resource<ItemAttributes>>>
        {
            Meta = withMeta
                ? new SelectionMeta
                {
                    Total = total.Get % 3 == 0 ? null : total.Get,
                    Format = dataAsArray is null ? null : new SelectionFormat { DataAsArray = dataAsArray.Value, GroupIncludedByType = grouped ?? true },
                }
                : null,
            Data = [.. Enumerable.Range(0, resources % 5).Select(i => new Resource<ItemAttributes> { Type = "items", Id = $"item{i}", Attributes = new ItemAttributes { Name = $"Item \"{i}\"" } })],
            Included = withIncluded ? new IncludedResources { Signals = [] } : null,
        };
        string json = JsonSerializer.Serialize(selection, Json.SelectionListResourceItemAttributes);

        return BothWays(json, Json.ListResourceItemAttributes, Json.SelectionListResourceItemAttributes) == json;
    }

    [Fact]
    public async Task A_body_larger_than_the_first_buffer_is_read_whole()
    {
        // The reader starts with a 4 KiB buffer from the pool and grows it; 200 items is ~14 KiB.
        string items = string.Join(",", Enumerable.Range(0, 200).Select(i => $$$"""{"type":"items","id":"item{{{i}}}","attributes":{"name":"Item number {{{i}}} of the kiln"}}"""));
        using var server = new FakeClarify(FakeClarify.Result($$"""{"meta":{"total":200},"data":[{{items}}]}"""));
        using ClarifyClient client = server.CreateRpcClient();

        Selection<List<Resource<ItemAttributes>>> selection = await client.SelectItemsAsync(cancellationToken: SafetyNet.Token);

        Assert.Equal(200, selection.Data!.Count);
        Assert.Equal("Item number 199 of the kiln", selection.Data[^1].Attributes!.Name);
    }

    [Fact]
    public async Task A_body_with_a_UTF8_byte_order_mark_is_read_as_without()
    {
        using var server = new FakeClarify(request => new FakeReply(200, "\uFEFF" + $$$"""{"jsonrpc":"2.0","id":{{{request.Json["id"]}}},"result":{"meta":{"total":4},"data":[]}}"""));
        using ClarifyClient client = server.CreateRpcClient();

        Selection<List<Resource<ItemAttributes>>> selection = await client.SelectItemsAsync(cancellationToken: SafetyNet.Token);

        Assert.Equal(4, selection.Meta!.Total);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"data":[]}} {}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"data":[]}""")]
    [InlineData("")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":"x","message":"m"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"data":[{"id":5}]}}""")]
    public async Task A_body_that_is_not_one_well_formed_JSON_RPC_object_is_a_protocol_error(string body)
    {
        using var server = new FakeClarify(_ => new FakeReply(200, body));
        using ClarifyClient client = server.CreateRpcClient();

        ClarifyProtocolException error = await Assert.ThrowsAsync<ClarifyProtocolException>(() => client.SelectItemsAsync(cancellationToken: SafetyNet.Token));

        Assert.Contains("the body is not a JSON-RPC response", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reads <paramref name="json"/> by hand and by metadata, asserts both write back the same JSON, and returns it.</summary>
    private static string BothWays<TData>(string json, JsonTypeInfo<TData> dataInfo, JsonTypeInfo<Selection<TData>> selectionInfo)
        where TData : class
    {
        string byMetadata = JsonSerializer.Serialize(JsonSerializer.Deserialize(json, selectionInfo)!, selectionInfo);
        string byHand = JsonSerializer.Serialize(ReadByHand(json, dataInfo)!, selectionInfo);
        Assert.Equal(byMetadata, byHand);
        return byHand;
    }

    private static Selection<TData>? ReadByHand<TData>(string json, JsonTypeInfo<TData> dataInfo)
        where TData : class
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        Selection<TData>? selection = RpcResultReaders.ReadSelection(ref reader, dataInfo);
        Assert.Equal(JsonTokenType.None, reader.Read() ? reader.TokenType : JsonTokenType.None);
        return selection;
    }
}
