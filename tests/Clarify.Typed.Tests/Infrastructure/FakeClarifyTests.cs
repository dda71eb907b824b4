using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace Clarify.Typed.Tests.Infrastructure;

/// <summary>What the other tests take on trust from <see cref="FakeClarify"/>.</summary>
public sealed class FakeClarifyTests
{
    [Fact]
    public async Task A_request_to_a_path_it_does_not_serve_is_answered_404_and_still_kept_so_nothing_sent_means_nothing_reached_it()
    {
        using var clarify = new FakeClarify();
        using var http = new HttpClient { BaseAddress = clarify.ApiUrl };

        using HttpResponseMessage response = await http.PostAsync("unknown", new StringContent("{}")).Within();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        ReceivedRequest request = Assert.Single(clarify.Requests);
        Assert.Equal(("POST", "/v1/unknown", "{}"), (request.Method, request.Path, request.Body));
        Assert.Same(request, Assert.Single(clarify.ApiRequests));
        Assert.Empty(clarify.RpcRequests);
        Assert.Empty(clarify.TokenRequests);
    }
}
