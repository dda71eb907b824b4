using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Models;
using Refit;

namespace Clarify.Typed.Rpc;

/// <summary>
/// Clarify's JSON-RPC endpoint, <c>POST {apiUrl}rpc</c>, one method per call. Prefer
/// <see cref="ClarifyClient"/>, which builds the envelopes, checks ids, maps errors, chunks
/// inserts and applies rate limits; it is internal because nothing but that client should call it.
/// Every body is ready-made content (<see cref="RpcRequestContent"/>, <see cref="Inserts.InsertRequestContent"/>):
/// Refit's own serialiser would stream the envelope through a push stream that the authentication
/// handler must then buffer to be able to replay it. Refit returns the raw response, which
/// <see cref="JsonRpcResponseReader"/> reads: no response wrapper, and an envelope whose id is a number.
/// Create one with <see cref="ClarifyRpcApi.Create"/>.
/// </summary>
internal interface IClarifyRpcApi
{
    /// <summary><c>integration.insert</c>; the body is a streamed envelope (see <see cref="ClarifyClient.InsertAsync"/>).</summary>
    [Post("/rpc")]
    Task<HttpResponseMessage> InsertAsync([Body] HttpContent request, CancellationToken cancellationToken);

    /// <summary><c>integration.saveSignals</c>.</summary>
    [Post("/rpc")]
    Task<HttpResponseMessage> SaveSignalsAsync([Body] HttpContent request, CancellationToken cancellationToken);

    /// <summary><c>admin.selectSignals</c>.</summary>
    [Post("/rpc")]
    Task<HttpResponseMessage> SelectSignalsAsync([Body] HttpContent request, CancellationToken cancellationToken);

    /// <summary><c>admin.publishSignals</c>.</summary>
    [Post("/rpc")]
    Task<HttpResponseMessage> PublishSignalsAsync([Body] HttpContent request, CancellationToken cancellationToken);

    /// <summary><c>clarify.selectItems</c>.</summary>
    [Post("/rpc")]
    Task<HttpResponseMessage> SelectItemsAsync([Body] HttpContent request, CancellationToken cancellationToken);

    /// <summary><c>clarify.dataFrame</c>.</summary>
    [Post("/rpc")]
    Task<HttpResponseMessage> DataFrameAsync([Body] HttpContent request, CancellationToken cancellationToken);

    /// <summary><c>clarify.evaluate</c>.</summary>
    [Post("/rpc")]
    Task<HttpResponseMessage> EvaluateAsync([Body] HttpContent request, CancellationToken cancellationToken);

    /// <summary><c>admin.connectSignals</c> (API 1.2alpha1).</summary>
    [Post("/rpc")]
    [Headers("X-API-Version: 1.2alpha1")]
    Task<HttpResponseMessage> ConnectSignalsAsync([Body] HttpContent request, CancellationToken cancellationToken);

    /// <summary><c>admin.disconnectSignals</c> (API 1.2alpha1).</summary>
    [Post("/rpc")]
    [Headers("X-API-Version: 1.2alpha1")]
    Task<HttpResponseMessage> DisconnectSignalsAsync([Body] HttpContent request, CancellationToken cancellationToken);
}
