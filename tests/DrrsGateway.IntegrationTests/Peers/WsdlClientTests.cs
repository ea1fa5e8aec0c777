using Xunit.Abstractions;
using static DrrsGateway.IntegrationTests.Peers.DrrsOperations;
using static DrrsGateway.IntegrationTests.Peers.PeerClients;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// zeep (Python) and node-soap (Node.js), as their users call DRRS: a client built from the gateway's ?wsdl,
/// its binding pointed at the gateway (the WSDL's soap:address names the backend, because the gateway
/// forwards the backend's Host).
/// </summary>
[Collection(JaxwsPeersCollection.Name)]
public sealed class WsdlClientTests(JaxwsGatewayFixture peer, ITestOutputHelper output)
{
    [Theory]
    [InlineData(Zeep)]
    [InlineData(NodeSoap)]
    public async Task Call_RepeatedWithinWindow_SecondFaultsWithCaisoMessage(string client)
    {
        var user = PeerRequests.NewUser(client);

        var report = await RunAsync(client, user, RetrieveLocations, RetrieveLocations, RetrieveBatchStatus);

        output.WriteLine(report.Transcript);
        Assert.True(report.Built, report.Transcript);
        Assert.Equal("executed " + RetrieveLocations, report.Calls[0].Result);
        Assert.Equal(Violation, report.Calls[1].Fault);
        Assert.Equal("executed " + RetrieveBatchStatus, report.Calls[2].Result);
        Assert.Equal(new Dictionary<string, int> { [RetrieveBatchStatus] = 1, [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Theory]
    [InlineData(Zeep)]
    [InlineData(NodeSoap)]
    public async Task BuildClient_SecondProcessSameUser_ReadsWsdlWithoutConsumingWindow(string client)
    {
        var user = PeerRequests.NewUser(client + "2");
        var first = await RunAsync(client, user, RetrieveLocations);

        var second = await RunAsync(client, user, SubmitRegistrations, RetrieveLocations);

        output.WriteLine(first.Transcript);
        output.WriteLine(second.Transcript);
        Assert.True(first.Built, first.Transcript);
        Assert.True(second.Built, second.Transcript);
        Assert.Equal("executed " + SubmitRegistrations, second.Calls[0].Result);
        Assert.Equal(Violation, second.Calls[1].Fault);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1, [SubmitRegistrations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Theory]
    [InlineData(Zeep)]
    [InlineData(NodeSoap)]
    public async Task Call_RepeatedWithinWindowInHoldMode_BothAreExecuted(string client)
    {
        await using var holding = await Infrastructure.GatewayProcess.StartAsync(new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = peer.Backend.Address.ToString(),
            ["Aup__Mode"] = "Hold",
            ["Aup__WindowSeconds"] = "1",
            ["Aup__Hold__MarginMilliseconds"] = "200",
            ["Aup__Identity__TrustedHeader"] = PeerRequests.UserHeader,
        });
        var user = PeerRequests.NewUser(client + "-hold");

        var report = await CallOperationsAsync(client, holding.BaseAddress, user, RetrieveLocations, RetrieveLocations);

        output.WriteLine(report.Transcript);
        Assert.True(report.Built, report.Transcript);
        Assert.All(report.Calls, call => Assert.Equal("executed " + RetrieveLocations, call.Result));
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 2 }, await peer.Backend.ExecutedAsync(user));
    }

    private Task<PeerClientReport> RunAsync(string client, string user, params string[] operations) =>
        CallOperationsAsync(client, peer.Gateway.BaseAddress, user, operations);
}
