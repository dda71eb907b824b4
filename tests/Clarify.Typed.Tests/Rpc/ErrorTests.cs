using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Tests.Rpc;

public sealed class ErrorTests
{
    [Theory]
    [InlineData(-32700, ClarifyRpcErrorCode.ParseError)]
    [InlineData(-32600, ClarifyRpcErrorCode.InvalidRequest)]
    [InlineData(-32601, ClarifyRpcErrorCode.MethodNotFound)]
    [InlineData(-32602, ClarifyRpcErrorCode.InvalidParams)]
    [InlineData(-32603, ClarifyRpcErrorCode.InternalError)]
    [InlineData(-32000, ClarifyRpcErrorCode.ServerError)]
    [InlineData(-32001, ClarifyRpcErrorCode.ProducedInvalidResource)]
    [InlineData(-32002, ClarifyRpcErrorCode.FoundInvalidResource)]
    [InlineData(-32003, ClarifyRpcErrorCode.Forbidden)]
    [InlineData(-32009, ClarifyRpcErrorCode.Conflict)]
    [InlineData(-32015, ClarifyRpcErrorCode.TryAgain)]
    [InlineData(-32021, ClarifyRpcErrorCode.PartialFailure)]
    public async Task Every_error_code_becomes_a_ClarifyRpcException_with_its_data(int code, ClarifyRpcErrorCode expected)
    {
        using var server = new FakeClarify(FakeClarify.Error($$"""
            {"code":{{code}},"message":"Something failed","data":{"trace":"00-abc-01",
             "params":{"data.series.temp":["must be as long as times"]},
             "invalidResources":[{"id":"c8keagasahsp3cpvma20","type":"signals","message":"bad name","invalidFields":{"name":["too long"]} }],
             "partialResult":{"signalsByInput":{"a":{"id":"x","created":true} } } } }
            """));
        using ClarifyClient client = server.CreateRpcClient();

        ClarifyRpcException error = await Assert.ThrowsAsync<ClarifyRpcException>(() => client.SelectItemsAsync(cancellationToken: SafetyNet.Token));

        Assert.Equal(expected, error.Code);
        Assert.Equal(ClarifyRpcMethods.SelectItems, error.Method);
        Assert.Equal("Something failed", error.ServerMessage);
        Assert.Equal("00-abc-01", error.Trace);
        Assert.Null(error.DataText);
        Assert.Equal(["must be as long as times"], error.Params["data.series.temp"]);
        InvalidResource invalid = Assert.Single(error.InvalidResources);
        Assert.Equal("c8keagasahsp3cpvma20", invalid.Id);
        Assert.Equal(["too long"], invalid.InvalidFields!["name"]);
        Assert.Equal("x", error.PartialResult!.Value.GetProperty("signalsByInput").GetProperty("a").GetProperty("id").GetString());
        Assert.Contains("clarify.selectItems", error.Message, StringComparison.Ordinal);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains("params.data.series.temp: must be as long as times", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ClarifyException>(error);
    }

    // JSON-RPC 2.0 lets data be any value; pyclarify's error model takes an object or a string.
    [Theory]
    [InlineData("\"Here is a description of the error.\"", "Here is a description of the error.")]
    [InlineData("42.5", "42.5")]
    [InlineData("[\"a\",1,{\"b\":null}]", "[\"a\",1,{\"b\":null}]")]
    [InlineData("true", "true")]
    [InlineData("null", null)]
    public async Task Data_that_is_not_an_object_keeps_the_code_and_message_and_is_kept_as_text(string data, string? text)
    {
        using var server = new FakeClarify(FakeClarify.Error($$"""{"code":-30900,"message":"An error message","data":{{data}}}"""));
        using ClarifyClient client = server.CreateRpcClient();

        ClarifyRpcException error = await Assert.ThrowsAsync<ClarifyRpcException>(() => client.SelectItemsAsync(cancellationToken: SafetyNet.Token));

        Assert.Equal(-30900, (int)error.Code);
        Assert.Equal("An error message", error.ServerMessage);
        Assert.Equal(text, error.DataText);
        Assert.Null(error.Trace);
        Assert.Empty(error.Params);
        Assert.Empty(error.InvalidResources);
        Assert.Null(error.PartialResult);
        Assert.Contains("-30900", error.Message, StringComparison.Ordinal);
        if (text is not null)
        {
            Assert.Contains("data: " + text, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Data_read_as_text_is_written_back_as_a_string_and_an_object_as_an_object()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        JsonRpcError text = System.Text.Json.JsonSerializer.Deserialize<JsonRpcError>("""{"code":-30900,"message":"m","data":"details"}""", options)!;
        JsonRpcError data = System.Text.Json.JsonSerializer.Deserialize<JsonRpcError>("""{"code":-32602,"message":"m","data":{"trace":"t-1"}}""", options)!;

        Assert.Equal("details", text.Data!.Text);
        Assert.Null(data.Data!.Text);
        Assert.Equal("t-1", data.Data.Trace);
        Assert.Contains("\"data\":\"details\"", System.Text.Json.JsonSerializer.Serialize(text, options), StringComparison.Ordinal);
        Assert.Contains("\"data\":{\"trace\":\"t-1\"}", System.Text.Json.JsonSerializer.Serialize(data, options), StringComparison.Ordinal);
    }

    // A user's own Refit interface reuses the envelopes with a JsonSerializerContext of its own assembly.
    [Fact]
    public void A_users_source_generated_context_reads_data_of_any_type_too()
    {
        // This assembly sees the library's internals; a user's generated code sees only public types.
        Assert.True(typeof(JsonRpcErrorDataConverter).IsPublic);
        var context = DependencyInjection.UserJsonContext.Default.JsonRpcResponseUserSelection;

        JsonRpcError text = System.Text.Json.JsonSerializer.Deserialize("""{"jsonrpc":"2.0","id":"1","error":{"code":-30900,"message":"m","data":"details"}}""", context)!.Error!;
        JsonRpcError data = System.Text.Json.JsonSerializer.Deserialize("""{"jsonrpc":"2.0","id":"1","error":{"code":-32602,"message":"m","data":{"trace":"t-1","params":{"a":["bad"]}}}}""", context)!.Error!;

        Assert.Equal("details", text.Data!.Text);
        Assert.Equal("t-1", data.Data!.Trace);
        Assert.Equal(["bad"], data.Data.Params!["a"]);
    }

    [Fact]
    public async Task An_unknown_code_keeps_its_number_and_a_bare_error_parses()
    {
        using var server = new FakeClarify(FakeClarify.Error("""{"code":-32099,"message":"New kind of failure"}"""));
        using ClarifyClient client = server.CreateRpcClient();

        ClarifyRpcException error = await Assert.ThrowsAsync<ClarifyRpcException>(() => client.SelectSignalsAsync(cancellationToken: SafetyNet.Token));

        Assert.Equal(-32099, (int)error.Code);
        Assert.Null(error.Trace);
        Assert.Empty(error.Params);
        Assert.Empty(error.InvalidResources);
        Assert.Null(error.PartialResult);
        Assert.Contains("unknown code", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, "credentials")]
    [InlineData(404, "ApiUrl")]
    [InlineData(500, "HTTP 500")]
    [InlineData(503, "HTTP 503")]
    public async Task A_non_success_status_becomes_a_ClarifyHttpException(int status, string advice)
    {
        using var server = new FakeClarify(_ => new FakeReply(status, """{"error":"nope"}"""));
        using ClarifyClient client = server.CreateRpcClient();

        ClarifyHttpException error = await Assert.ThrowsAsync<ClarifyHttpException>(() => client.SelectItemsAsync(cancellationToken: SafetyNet.Token));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(ClarifyRpcMethods.SelectItems, error.Method);
        Assert.Equal("""{"error":"nope"}""", error.BodyExcerpt);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_body_excerpt_is_bounded_and_no_header_or_secret_leaks()
    {
        string body = new('x', 10_000);
        using var server = new FakeClarify(_ => new FakeReply(401, body));
        using var http = new System.Net.Http.HttpClient { BaseAddress = server.ApiUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "secret-access-token");
        using var client = new ClarifyClient(http, server.Options(), new ClarifyClientOptions { EnableRateLimiting = false });

        ClarifyHttpException error = await Assert.ThrowsAsync<ClarifyHttpException>(() => client.SelectItemsAsync(cancellationToken: SafetyNet.Token));

        Assert.True(error.BodyExcerpt.Length <= ClarifyHttpException.MaxExcerptLength + 1, $"excerpt of {error.BodyExcerpt.Length} characters");
        Assert.True(error.Message.Length < 2 * ClarifyHttpException.MaxExcerptLength);
        Assert.DoesNotContain("secret-access-token", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.ClientSecret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_success_status_without_a_json_rpc_body_is_a_protocol_error()
    {
        using var server = new FakeClarify(_ => new FakeReply(200, "<html>not the API</html>"));
        using ClarifyClient client = server.CreateRpcClient();

        ClarifyProtocolException error = await Assert.ThrowsAsync<ClarifyProtocolException>(() => client.SelectItemsAsync(cancellationToken: SafetyNet.Token));

        Assert.Equal(ClarifyRpcMethods.SelectItems, error.Method);
        Assert.Contains("ApiUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_with_another_id_is_rejected()
    {
        using var server = new FakeClarify(_ => new FakeReply(200, """{"jsonrpc":"2.0","id":42,"result":{"itemsBySignal":{}}}"""));
        using ClarifyClient client = server.CreateRpcClient();

        ClarifyProtocolException error = await Assert.ThrowsAsync<ClarifyProtocolException>(
            () => client.PublishSignalsAsync(new Dictionary<string, ItemSave>(), cancellationToken: SafetyNet.Token));

        Assert.Contains("42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_that_echoes_the_id_as_a_string_is_accepted()
    {
        using var server = new FakeClarify(request => new FakeReply(200, $$$"""{"jsonrpc":"2.0","id":"{{{request.Json["id"]}}}","result":{"meta":{"total":3},"data":[]}}"""));
        using ClarifyClient client = server.CreateRpcClient();

        var selection = await client.SelectItemsAsync(cancellationToken: SafetyNet.Token);

        Assert.Equal(3, selection.Meta?.Total);
    }

    [Theory]
    [InlineData("\"id\":\"01\",", "\"01\"")]
    [InlineData("\"id\":null,", "null")]
    [InlineData("\"id\":-0,", "-0")]
    [InlineData("", "missing")]
    public async Task A_response_without_the_request_id_says_what_it_had(string idMember, string described)
    {
        using var server = new FakeClarify(_ => new FakeReply(200, $$$"""{"jsonrpc":"2.0",{{{idMember}}}"result":{"meta":{"total":0},"data":[]}}"""));
        using ClarifyClient client = server.CreateRpcClient();

        ClarifyProtocolException error = await Assert.ThrowsAsync<ClarifyProtocolException>(() => client.SelectItemsAsync(cancellationToken: SafetyNet.Token));

        Assert.Contains($"its id is {described} but the request's id was 1.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_with_neither_result_nor_error_is_rejected()
    {
        using var server = new FakeClarify(request => new FakeReply(200, $$"""{"jsonrpc":"2.0","id":{{request.Json["id"]}}}"""));
        using ClarifyClient client = server.CreateRpcClient();

        await Assert.ThrowsAsync<ClarifyProtocolException>(() => client.SelectItemsAsync(cancellationToken: SafetyNet.Token));
    }

    [Fact]
    public async Task An_unreachable_server_is_a_ClarifyHttpException_without_status()
    {
        var options = ClarifyOptions.Create("http://127.0.0.1:1/v1/", TestCredentials.IntegrationId, "client-credentials", "id", "secret");
        using var http = new System.Net.Http.HttpClient();
        using var client = new ClarifyClient(http, options, new ClarifyClientOptions { EnableRateLimiting = false });

        ClarifyHttpException error = await Assert.ThrowsAsync<ClarifyHttpException>(() => client.SelectItemsAsync(cancellationToken: SafetyNet.Token));

        Assert.Null(error.StatusCode);
        Assert.Equal(options.ApiUrl, http.BaseAddress);
    }

    [Fact]
    public async Task Cancellation_is_not_turned_into_a_Clarify_error()
    {
        using var server = new FakeClarify(FakeClarify.Result("""{"meta":{"total":0},"data":[]}"""));
        using ClarifyClient client = server.CreateRpcClient();
        using var cancelled = new System.Threading.CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SelectItemsAsync(cancellationToken: cancelled.Token));
    }
}
