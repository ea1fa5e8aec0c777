using System.Net;
using static DrrsGateway.IntegrationTests.Peers.DrrsOperations;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// A document/literal bare JAX-WS RI service: its Body elements name requests (<c>RetrieveDRRSLocationsRequest</c>),
/// not operations, and JAX-WS RI maps them to operations from its own model, ahead of the SOAPAction. A
/// gateway that knows only operation names cannot read the body's operation, so these tell whether it
/// keys such calls by what will run.
/// </summary>
[Collection(JaxwsPeersCollection.Name)]
public sealed class JaxwsBareServiceTests(JaxwsGatewayFixture peer)
{
    [Theory]
    [InlineData("\"http://www.caiso.com/soa/SubmitDRRSLocations_v1\"")]
    [InlineData("\"urn:made-up\"")]
    [InlineData("\"\"")]
    public async Task Post_DirectlyWithAnyAction_RunsTheRequestElementsOperation(string soapAction)
    {
        var user = PeerRequests.NewUser("bare-direct");

        var (status, _) = await peer.Direct.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.BarePath, soapAction, PeerRequests.BareRequest(RetrieveLocations)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task Post_ActionOfOtherOperationAfterCall_ExecutesOnce()
    {
        var user = PeerRequests.NewUser("bare-a-for-b");
        var body = PeerRequests.BareRequest(RetrieveLocations);
        var client = peer.Client;

        var (first, _) = await client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.BarePath, QuotedAction(RetrieveLocations), body));
        await client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.BarePath, QuotedAction(SubmitLocations), body));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task Post_MatchingActionTwice_SecondRefusedWithCaisoMessage()
    {
        var user = PeerRequests.NewUser("bare-repeat");
        var body = PeerRequests.BareRequest(RetrieveLocations);

        var (first, _) = await peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.BarePath, QuotedAction(RetrieveLocations), body));
        var (_, refusal) = await peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.BarePath, QuotedAction(RetrieveLocations), body));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Contains(Violation, refusal, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }
}
