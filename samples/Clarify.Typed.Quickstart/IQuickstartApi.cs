using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Rpc;
using Refit;

namespace Clarify.Typed.Quickstart;

/// <summary>
/// A Refit interface declared by the user, as any integration may: paths are relative to the
/// api URL, and <c>AddApi</c> gives it the same authenticated pipeline (and token) as
/// <see cref="ClarifyClient"/>. This one counts the items a filter matches, without fetching them.
/// </summary>
public interface IQuickstartApi
{
    [Post("/rpc")]
    Task<JsonRpcResponse<ItemCount>> CountItemsAsync([Body] JsonRpcRequest<CountItemsParams> request, CancellationToken cancellationToken);
}

public sealed record CountItemsParams(CountQuery Query);

public sealed record CountQuery(
    [property: JsonPropertyName("filter")] Dictionary<string, string> Filter,
    [property: JsonPropertyName("limit")] int Limit = 0,
    [property: JsonPropertyName("total")] bool Total = true);

public sealed class ItemCount
{
    [JsonPropertyName("meta")]
    public CountMeta? Meta { get; set; }
}

public sealed class CountMeta
{
    [JsonPropertyName("total")]
    public long Total { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JsonRpcRequest<CountItemsParams>))]
[JsonSerializable(typeof(JsonRpcResponse<ItemCount>))]
internal sealed partial class QuickstartJsonContext : JsonSerializerContext;
