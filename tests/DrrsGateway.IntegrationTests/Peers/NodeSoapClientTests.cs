using Xunit.Abstractions;
using static DrrsGateway.IntegrationTests.Peers.DrrsOperations;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// node-soap, as Node.js users call DRRS: a client built from the gateway's ?wsdl, its binding pointed at the
/// gateway (the WSDL's soap:address names the backend, because the gateway forwards the backend's Host).
/// </summary>
[Collection(JaxwsPeersCollection.Name)]
public sealed class NodeSoapClientTests(JaxwsGatewayFixture peer, ITestOutputHelper output)
{
    [Fact]
    public async Task Call_RepeatedWithinWindow_SecondRejectsWithCaisoFaultString()
    {
        var user = PeerRequests.NewUser("node");

        var report = await PeerClients.NodeSoapAsync(peer.Gateway.BaseAddress, user, RetrieveLocations, RetrieveLocations, RetrieveBatchStatus);

        output.WriteLine(report.Transcript);
        Assert.True(report.Built, report.Transcript);
        Assert.Equal("executed " + RetrieveLocations, report.Calls[0].Result);
        Assert.Equal(Violation, report.Calls[1].Fault);
        Assert.Equal("executed " + RetrieveBatchStatus, report.Calls[2].Result);
        Assert.Equal(new Dictionary<string, int> { [RetrieveBatchStatus] = 1, [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task BuildClient_SecondProcessSameUser_ReadsWsdlWithoutConsumingWindow()
    {
        var user = PeerRequests.NewUser("node2");
        var first = await PeerClients.NodeSoapAsync(peer.Gateway.BaseAddress, user, RetrieveLocations);

        var second = await PeerClients.NodeSoapAsync(peer.Gateway.BaseAddress, user, SubmitRegistrations, RetrieveLocations);

        output.WriteLine(first.Transcript);
        output.WriteLine(second.Transcript);
        Assert.True(first.Built, first.Transcript);
        Assert.True(second.Built, second.Transcript);
        Assert.Equal("executed " + SubmitRegistrations, second.Calls[0].Result);
        Assert.Equal(Violation, second.Calls[1].Fault);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1, [SubmitRegistrations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }
}
