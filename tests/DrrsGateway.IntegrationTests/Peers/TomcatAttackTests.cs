using DrrsGateway.AcceptableUse.Services;
using static DrrsGateway.IntegrationTests.Peers.DrrsOperations;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// Ways around the lock on a path-routed servlet, through the gateway: Tomcat runs the operation its path
/// names once path parameters are gone and whatever its case (see <see cref="TomcatPathParameterTests"/>),
/// so within one window a user must get it executed once. Requests go out byte for byte; assertions read
/// what the backend executed.
/// </summary>
[Collection(TomcatPeersCollection.Name)]
public sealed class TomcatAttackTests(TomcatGatewayFixture peer)
{
    private const string OperationPath = PeerRequests.RuntimePath + "/" + RetrieveLocations;

    /// <summary>What follows /sst/runtime.asvc (kept short so every case reads whole in the test name), and how the SOAPAction is sent.</summary>
    public static TheoryData<string, string> Variants
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var style in new[] { "action", "empty", "none" })
            {
                foreach (var suffix in new[] { ";jsessionid=A", ";jsessionid=B", ";x", ";", "%3Bjsessionid=C" })
                {
                    data.Add("/" + RetrieveLocations + suffix, style);
                }

                data.Add("/retrievedrrslocations_v1", style);
                data.Add("/RETRIEVEDRRSLOCATIONS_V1;jsessionid=Z", style);
                data.Add(";a=b/" + RetrieveLocations, style);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Post_PathVariantAfterCall_ExecutesOnce(string variant, string actionStyle)
    {
        var user = PeerRequests.NewUser("tomcat-" + actionStyle);
        var gateway = peer.Gateway.BaseAddress;

        var first = await PeerRequests.RawSoap11Async(gateway, OperationPath, user, RetrieveLocations, Actions(actionStyle));
        await PeerRequests.RawSoap11Async(gateway, PeerRequests.RuntimePath + variant, user, RetrieveLocations, Actions(actionStyle));

        Assert.Equal(200, first);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task Post_PathParameterWithOtherOperationsAction_IsRefusedAndExecutesOnce()
    {
        var user = PeerRequests.NewUser("tomcat-mismatch");
        var gateway = peer.Gateway.BaseAddress;

        await PeerRequests.RawSoap11Async(gateway, OperationPath, user, RetrieveLocations, QuotedAction(RetrieveLocations));
        using var mismatch = await peer.Client.SendAsync(PeerRequests.Soap11(user, OperationPath + ";x", QuotedAction(SubmitLocations), SubmitLocations));

        Assert.Equal(1, await peer.Backend.ReceivedAsync(user));
        await GatewayRefusal.AssertSoap11Async(mismatch, ServiceNameResolver.DisagreementProblem);
    }

    [Fact]
    public async Task Post_OperationOutsideCatalog_IsRefusedAndNotForwarded()
    {
        var user = PeerRequests.NewUser("tomcat-unknown");

        using var refused = await peer.Client.SendAsync(PeerRequests.Soap11(user, PeerRequests.RuntimePath + "/RetrieveDRRSSecrets_v1", QuotedAction("RetrieveDRRSSecrets_v1"), "RetrieveDRRSSecrets_v1"));

        Assert.Equal(0, await peer.Backend.ReceivedAsync(user));
        await GatewayRefusal.AssertSoap11Async(refused, ServiceResult.UnknownOperationProblem);
    }

    private static string[] Actions(string style) => style switch
    {
        "action" => [QuotedAction(RetrieveLocations)],
        "empty" => ["\"\""],
        _ => [],
    };
}
