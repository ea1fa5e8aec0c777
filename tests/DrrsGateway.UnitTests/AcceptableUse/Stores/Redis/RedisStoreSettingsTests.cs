using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Stores.Redis;

namespace DrrsGateway.UnitTests.AcceptableUse.Stores.Redis;

public sealed class RedisStoreSettingsTests
{
    [Fact]
    public void Create_ValidOptions_CopiesEachSetting()
    {
        var options = new AupOptions
        {
            KeyPrefix = "gw1:",
            StoreTimeoutMilliseconds = 250,
            FloodShield = false,
            Breaker = { FailureThreshold = 5, BreakMilliseconds = 4000, SummaryIntervalSeconds = 60 },
        };
        var failures = new List<string>();

        var settings = RedisStoreSettings.Create(options, failures);

        Assert.Empty(failures);
        Assert.Equal(new RedisStoreSettings("gw1:", TimeSpan.FromMilliseconds(250), false, new BreakerPolicy(5, 4000, 60)), settings);
    }

    [Fact]
    public void Create_BadValues_NamesEachSetting()
    {
        var options = new AupOptions { KeyPrefix = "gw*:", StoreTimeoutMilliseconds = 0, Breaker = { BreakMilliseconds = 1 } };
        var failures = new List<string>();

        RedisStoreSettings.Create(options, failures);

        Assert.Collection(
            failures,
            failure => Assert.StartsWith("Aup:StoreTimeoutMilliseconds ", failure, StringComparison.Ordinal),
            failure => Assert.StartsWith("Aup:KeyPrefix ", failure, StringComparison.Ordinal),
            failure => Assert.StartsWith("Aup:Breaker:BreakMilliseconds ", failure, StringComparison.Ordinal));
    }
}
