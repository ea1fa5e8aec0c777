using DrrsGateway.AcceptableUse.Stores.Redis;

namespace DrrsGateway.UnitTests.AcceptableUse.Stores.Redis;

public sealed class RedisMemoryPolicyTests
{
    [Theory]
    [InlineData("allkeys-lru", true)]
    [InlineData("allkeys-lfu", true)]
    [InlineData("allkeys-random", true)]
    [InlineData("volatile-lru", true)]
    [InlineData("volatile-lfu", true)]
    [InlineData("volatile-random", true)]
    [InlineData("volatile-ttl", true)]
    [InlineData("noeviction", false)]
    [InlineData("NoEviction", false)]
    public void CanEvictLocks_Policy_IsWhetherLocksCanGoEarly(string policy, bool evicts)
    {
        Assert.Equal(evicts, RedisMemoryPolicy.CanEvictLocks(policy));
    }

    [Fact]
    public void InfoFields_InfoMemoryReply_ReadsPolicyAndLimit()
    {
        var fields = RedisServerChecks.InfoFields("# Memory\r\nused_memory:914648\r\nmaxmemory:67108864\r\nmaxmemory_policy:allkeys-lru\r\n");

        Assert.Equal("allkeys-lru", fields["maxmemory_policy"]);
        Assert.Equal("67108864", fields["maxmemory"]);
    }
}
