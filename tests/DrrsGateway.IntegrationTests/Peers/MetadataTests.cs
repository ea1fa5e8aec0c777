using System.Net;
using static DrrsGateway.IntegrationTests.Peers.DrrsOperations;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// SOAP stacks build their clients from ?wsdl and its ?xsd imports right before calling; those reads go to
/// JAX-WS RI through the gateway and must neither count against the window nor be refused.
/// </summary>
[Collection(JaxwsPeersCollection.Name)]
public sealed class MetadataTests(JaxwsGatewayFixture peer)
{
    private static readonly string[] Reads = ["?wsdl", "?xsd=1", "?wsdl", "?WSDL", "?xsd=1"];

    [Fact]
    public async Task Get_WsdlAndXsdAroundCall_AllAnsweredAndCallExecutes()
    {
        var user = PeerRequests.NewUser("metadata");

        var before = await ReadAllAsync(HttpMethod.Get, user);
        var (call, _) = await peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, QuotedAction(RetrieveLocations), RetrieveLocations));
        var after = await ReadAllAsync(HttpMethod.Get, user);

        Assert.All(before.Concat(after), read => Assert.Equal((read.Query, HttpStatusCode.OK, true), read));
        Assert.Equal(HttpStatusCode.OK, call);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task Head_WsdlBeforeCall_NeitherRefusedNorConsumesWindow()
    {
        var user = PeerRequests.NewUser("metadata-head");

        var heads = await ReadAllAsync(HttpMethod.Head, user);
        var (call, _) = await peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, QuotedAction(RetrieveLocations), RetrieveLocations));

        Assert.All(heads, read => Assert.NotEqual(HttpStatusCode.TooManyRequests, read.Status));
        Assert.Equal(HttpStatusCode.OK, call);
    }

    /// <summary>Each read's status, and whether its body is the service's own metadata (HEAD: always true).</summary>
    private async Task<List<(string Query, HttpStatusCode Status, bool IsMetadata)>> ReadAllAsync(HttpMethod method, string user)
    {
        var reads = new List<(string, HttpStatusCode, bool)>();
        foreach (var query in Reads)
        {
            var (status, body) = await peer.Client.SendAsync(() =>
            {
                var request = new HttpRequestMessage(method, PeerRequests.RuntimePath + query);
                request.Headers.Add(PeerRequests.UserHeader, user);
                return request;
            });
            reads.Add((query, status, method == HttpMethod.Head || body.Contains("http://www.caiso.com/soa/drrs/", StringComparison.Ordinal)));
        }

        return reads;
    }
}
