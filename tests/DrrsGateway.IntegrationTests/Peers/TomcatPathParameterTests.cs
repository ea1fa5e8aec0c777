using static DrrsGateway.IntegrationTests.Peers.DrrsOperations;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// What a path-routed servlet runs, asked directly (no gateway): Tomcat removes path parameters from every
/// segment and normalises dot segments before the servlet reads its path info. Paths go out byte for byte (HttpClient
/// would resolve the dot segments and unescape %44 itself).
/// </summary>
[Collection(TomcatPeersCollection.Name)]
public sealed class TomcatPathParameterTests(TomcatGatewayFixture peer)
{
    public static TheoryData<string> SameOperationPaths => new()
    {
        "/sst/runtime.asvc/RetrieveDRRSLocations_v1",
        "/sst/runtime.asvc/RetrieveDRRSLocations_v1;jsessionid=A",
        "/sst/runtime.asvc/RetrieveDRRSLocations_v1;jsessionid=B",
        "/sst/runtime.asvc/RetrieveDRRSLocations_v1;x",
        "/sst/runtime.asvc/RetrieveDRRSLocations_v1;",
        "/sst/runtime.asvc;a=b/RetrieveDRRSLocations_v1",
        "/sst/runtime.asvc/retrievedrrslocations_v1",
        "/sst//runtime.asvc/RetrieveDRRSLocations_v1",
        "/sst/x/../runtime.asvc/./RetrieveDRRSLocations_v1",
        "/sst/runtime.asvc/Retrieve%44RRSLocations_v1",
    };

    [Theory]
    [MemberData(nameof(SameOperationPaths))]
    public async Task Post_PathVariant_RunsTheSameOperation(string path)
    {
        var user = PeerRequests.NewUser("tomcat-path");

        var status = await PeerRequests.RawSoap11Async(peer.Backend.Address, path, user, RetrieveLocations, "\"\"");

        Assert.Equal(200, status);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Theory]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1%3Bx")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1/")]
    public async Task Post_EncodedSemicolonOrTrailingSlash_RunsNothing(string path)
    {
        var user = PeerRequests.NewUser("tomcat-none");

        var status = await PeerRequests.RawSoap11Async(peer.Backend.Address, path, user, RetrieveLocations, "\"\"");

        Assert.Equal(500, status);
        Assert.Empty(await peer.Backend.ExecutedAsync(user));
    }
}
