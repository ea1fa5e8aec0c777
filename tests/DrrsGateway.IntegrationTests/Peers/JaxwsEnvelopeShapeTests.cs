using System.Net;
using static DrrsGateway.IntegrationTests.Peers.DrrsOperations;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// Envelopes in every shape JAX-WS RI runs (multipart, UTF-16, headers naming other operations, no
/// Content-Type), each with a made-up SOAPAction: asked directly they run the body's operation, so through
/// the gateway a user must get it executed once per window, in whichever order the shapes come.
/// </summary>
[Collection(JaxwsPeersCollection.Name)]
public sealed class JaxwsEnvelopeShapeTests(JaxwsGatewayFixture peer)
{
    public static TheoryData<string> Shapes => new(EnvelopeShapes.Names);

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Post_ShapeDirectly_RunsTheBodyElementsOperation(string shape)
    {
        var user = PeerRequests.NewUser("shape-direct");

        var (status, body) = await peer.Direct.SendAsync(() => EnvelopeShapes.Request(shape, user));

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Post_ShapeAfterCall_ExecutesOnce(string shape)
    {
        var user = PeerRequests.NewUser("shape-after");

        var (first, _) = await peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, QuotedAction(RetrieveLocations), RetrieveLocations));
        await peer.Client.SendAsync(() => EnvelopeShapes.Request(shape, user));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Post_ShapeBeforeCall_ExecutesOnce(string shape)
    {
        var user = PeerRequests.NewUser("shape-before");

        await peer.Client.SendAsync(() => EnvelopeShapes.Request(shape, user));
        await peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, QuotedAction(RetrieveLocations), RetrieveLocations));

        Assert.Equal(1, (await peer.Backend.ExecutedAsync(user)).GetValueOrDefault(RetrieveLocations));
    }
}
