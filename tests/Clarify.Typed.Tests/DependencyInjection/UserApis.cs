using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Rpc;
using Refit;

namespace Clarify.Typed.Tests.DependencyInjection;

/// <summary>A user-declared JSON-RPC interface, as an application would write for a method the library does not wrap.</summary>
public interface IUserRpcApi
{
    [Post("/rpc")]
    Task<JsonRpcResponse<UserSelection>> CallAsync([Body] JsonRpcRequest<UserParams> request, CancellationToken cancellationToken = default);
}

/// <summary>A user-declared plain HTTP interface, paths relative to the api URL.</summary>
public interface IStatusApi
{
    [Get("/status")]
    Task<StatusDocument> GetStatusAsync(CancellationToken cancellationToken = default);
}

public sealed class UserParams
{
    public string? Integration { get; set; }
}

public sealed class UserSelection
{
    public List<JsonElement>? Data { get; set; }

    public string? Method { get; set; }
}

public sealed class StatusDocument
{
    public string? Status { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonRpcRequest<UserParams>))]
[JsonSerializable(typeof(JsonRpcResponse<UserSelection>))]
[JsonSerializable(typeof(StatusDocument))]
internal sealed partial class UserJsonContext : JsonSerializerContext
{
}
