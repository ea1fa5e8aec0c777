using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using StackExchange.Redis;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Reliability;

/// <summary>The policy on a real three-node Redis Cluster, as StackExchange.Redis routes keys by slot.</summary>
public sealed class RedisClusterTests(RedisClusterFixture cluster) : IClassFixture<RedisClusterFixture>, IAsyncLifetime
{
    private RecordingBackend _backend = null!;
    private GatewayFactory _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await RecordingBackend.StartAsync();
        _gateway = new GatewayFactory(_backend.Address, cluster.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Call_ManyUsersOnCluster_EachAllowedOnceThenRefused()
    {
        using var client = _gateway.CreateClientFrom();
        var users = Enumerable.Range(0, 30).Select(_ => NewUser()).ToArray();

        foreach (var user in users)
        {
            using var first = await client.CallAsync(user);
            using var second = await client.CallAsync(user);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        }

        // The users' keys are spread over the cluster, not piled on one node.
        using var inspector = await ConnectionMultiplexer.ConnectAsync(cluster.ConnectionString);
        var nodesHoldingKeys = inspector.GetServers().Count(s => s.Keys(pattern: _gateway.KeyPrefix + "*").Any());
        Assert.True(nodesHoldingKeys >= 2, $"keys on {nodesHoldingKeys} node(s)");
    }

    [Fact]
    public async Task Call_64SimultaneousSameKeyOnCluster_AllowsExactlyOne()
    {
        using var client = _gateway.CreateClientFrom();
        var user = NewUser();

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => client.CallAsync(user))));

        var statuses = string.Join(", ", responses.GroupBy(r => (int)r.StatusCode).Select(g => $"{g.Key}×{g.Count()}"));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) == 1, statuses);
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests) == 63, statuses);
    }
}
