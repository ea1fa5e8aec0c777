using DrrsGateway.IntegrationTests.Infrastructure;
using Serilog.Events;

namespace DrrsGateway.IntegrationTests.Stores;

/// <summary>The gateway reads the server's maxmemory-policy once connected and warns when it can evict locks.</summary>
public sealed class RedisMemoryPolicyTests
{
    [Theory]
    [InlineData("allkeys-lru")]
    [InlineData("volatile-ttl")]
    public async Task MemoryPolicy_CanEvictLocks_Warns(string policy)
    {
        using var redis = RedisServer.Start(null, "--maxmemory", "64mb", "--maxmemory-policy", policy);
        await using var gateway = new GatewayFactory("http://127.0.0.1:9/", redis.ConnectionString);
        using var client = gateway.CreateClientFrom();

        await GatewayRequests.EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisMemoryPolicyEvicts).Any()), "the memory policy warning");

        var warning = gateway.Logs.WithEventId(EventIds.RedisMemoryPolicyEvicts).Single();
        Assert.Equal(LogEventLevel.Warning, warning.Level);
        Assert.Equal(policy, LogCollector.Scalar(warning, "MaxmemoryPolicy"));
        Assert.Equal("67108864", LogCollector.Scalar(warning, "MaxmemoryBytes"));
    }

    [Fact]
    public async Task MemoryPolicy_NoEviction_IsReportedWithoutWarning()
    {
        using var redis = RedisServer.Start(null, "--maxmemory", "64mb", "--maxmemory-policy", "noeviction");
        await using var gateway = new GatewayFactory("http://127.0.0.1:9/", redis.ConnectionString);
        using var client = gateway.CreateClientFrom();

        await GatewayRequests.EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisMemoryPolicyKeepsLocks).Any()), "the memory policy report");

        Assert.Empty(gateway.Logs.WithEventId(EventIds.RedisMemoryPolicyEvicts));
    }

    [Fact]
    public async Task MemoryPolicy_AfterReconnect_IsCheckedAgain()
    {
        using var redis = RedisServer.Start(null, "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lfu");
        await using var gateway = new GatewayFactory("http://127.0.0.1:9/", redis.ConnectionString);
        using var client = gateway.CreateClientFrom();
        await GatewayRequests.EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisMemoryPolicyEvicts).Any()), "the first warning");

        // A restarted (or failed-over) server may have been configured differently: it is read again.
        redis.Restart();

        await GatewayRequests.EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisMemoryPolicyEvicts).Count() >= 2), "the warning after reconnecting", TimeSpan.FromSeconds(30));
    }
}
