using System.Net;
using static DrrsGateway.IntegrationTests.Peers.DrrsOperations;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// What JAX-WS RI runs, asked directly (no gateway): with WS-Addressing off, OperationDispatcher goes by the
/// payload QName (the first Body child) before the SOAPAction, so the body decides and the action barely
/// matters. These facts are why the gateway must key the generic endpoint by the body, not the action.
/// </summary>
[Collection(JaxwsPeersCollection.Name)]
public sealed class JaxwsDispatchTests(JaxwsGatewayFixture peer)
{
    public static TheoryData<string, string?, string> ActionAndBody => new()
    {
        { "a", QuotedAction(RetrieveLocations), RetrieveLocations },
        { "b", "\"http://example.invalid/MadeUp_v9\"", RetrieveLocations },
        { "c", QuotedAction(SubmitLocations), RetrieveLocations },
        { "d", "\"\"", RetrieveLocations },
        { "d-none", null, RetrieveLocations },
    };

    [Theory]
    [MemberData(nameof(ActionAndBody))]
    public async Task Post_AnySoapAction_RunsTheBodyElementsOperation(string scenario, string? soapAction, string body)
    {
        var user = PeerRequests.NewUser("dispatch-" + scenario);

        var (status, _) = await peer.Direct.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, soapAction, body));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new Dictionary<string, int> { [body] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task Post_KnownActionUnknownBodyElement_RunsNothing()
    {
        var user = PeerRequests.NewUser("dispatch-e");

        var (status, answer) = await peer.Direct.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, QuotedAction(SubmitLocations), "Unknown_v1"));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("Cannot find dispatch method", answer, StringComparison.Ordinal);
        Assert.Empty(await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task Post_PathBelowEndpointNamingOtherOperation_RunsTheBodyElementsOperation()
    {
        // The JDK http server matches contexts by prefix: /sst/runtime.asvc/<anything> reaches the endpoint.
        var user = PeerRequests.NewUser("dispatch-path");

        var (status, _) = await peer.Direct.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath + "/" + SubmitLocations, "\"\"", RetrieveLocations));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task Post_Soap12ActionOfOtherOperation_RunsTheBodyElementsOperation()
    {
        var user = PeerRequests.NewUser("dispatch-12");

        var (status, _) = await peer.Direct.SendAsync(() => PeerRequests.Soap12(user, PeerRequests.Soap12Path, Action(SubmitLocations), RetrieveLocations));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task Post_BodyElementInOtherCase_RunsNothing()
    {
        // Payload QNames match exactly; a gateway that keys body names case-insensitively only over-counts.
        var user = PeerRequests.NewUser("dispatch-case");

        var (status, _) = await peer.Direct.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, "\"\"", RetrieveLocations.ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Empty(await peer.Backend.ExecutedAsync(user));
    }
}
