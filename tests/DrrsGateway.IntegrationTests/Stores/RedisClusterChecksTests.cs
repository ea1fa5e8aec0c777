using DrrsGateway.IntegrationTests.Infrastructure;

namespace DrrsGateway.IntegrationTests.Stores;

/// <summary>The start-up checks on a real three-node Redis Cluster: every primary is read, nothing is refused.</summary>
public sealed class RedisClusterChecksTests(RedisClusterFixture cluster) : IClassFixture<RedisClusterFixture>
{
    [Fact]
    public async Task Checks_Cluster_ReportEveryPrimaryAndRefuseNothing()
    {
        await using var gateway = new GatewayFactory("http://127.0.0.1:9/", cluster.ConnectionString);
        using var client = gateway.CreateClientFrom();

        await GatewayRequests.EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisMemoryPolicyKeepsLocks).Count() >= 3), "each primary's memory policy is reported");
        await Task.Delay(500);

        Assert.Single(gateway.Logs.WithEventId(EventIds.RedisServerConnected));
        Assert.Empty(gateway.Logs.WithEventId(EventIds.RedisCommandRefused));
        Assert.Empty(gateway.Logs.WithEventId(EventIds.RedisServerCheckFailed));
    }
}
