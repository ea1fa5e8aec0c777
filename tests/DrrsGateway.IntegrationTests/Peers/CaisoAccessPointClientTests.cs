using DrrsGateway.IntegrationTests.Clients;
using Xunit.Abstractions;
using static DrrsGateway.IntegrationTests.Infrastructure.CaisoWire;
using static DrrsGateway.IntegrationTests.Peers.PeerClients;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// zeep (Python) and node-soap (Node.js) built from CAISO's access-point WSDLs, calling through the published
/// gateway in front of the simulator: a refused caller reads CAISO's message only if its stack can parse the
/// fault's StandardOutput detail, since that is where CAISO's WSDLs put it.
/// </summary>
public sealed class CaisoAccessPointClientTests(WcfGatewayFixture fixture, ITestOutputHelper output) : IClassFixture<WcfGatewayFixture>
{
    private static readonly string Locations = AccessPointName("retrieveDRLocations_v1");
    private static readonly string Registrations = AccessPointName("retrieveDRRegistrations_v1");

    [Theory]
    [InlineData(Zeep)]
    [InlineData(NodeSoap)]
    public async Task Call_SameAccessPointAgainWithinWindow_DetailCarriesCaisoMessage(string client)
    {
        var before = await fixture.Simulator.CallsSoFarAsync();

        var report = await CallAccessPointsAsync(client, fixture.GatewayAddress, PeerRequests.NewUser(client + "-ap"), Locations, Locations, Registrations);

        output.WriteLine(report.Transcript);
        Assert.True(report.Built, report.Transcript);
        Assert.All(report.Calls, call => Assert.Equal("RequestDRRegistrationData", call.Request));
        Assert.Equal(("retrieveDRLocations_v1", "locations"), (report.Calls[0].Operation, report.Calls[0].Result));
        Assert.Equal((Violation, Violation), (report.Calls[1].Fault, report.Calls[1].Detail?.Description));
        Assert.False(string.IsNullOrEmpty(report.Calls[1].Detail?.Id), report.Transcript);
        Assert.False(string.IsNullOrEmpty(report.Calls[1].Detail?.Result), report.Transcript);
        Assert.Equal(("retrieveDRRegistrations_v1", "registrations"), (report.Calls[2].Operation, report.Calls[2].Result));
        Assert.Equal(before + 2, await fixture.Simulator.CallsSoFarAsync());
    }

    // The last path segment: the scripts take access points by name and build the address themselves.
    private static string AccessPointName(string operation) => Path.GetFileName(AccessPoint(operation));
}
