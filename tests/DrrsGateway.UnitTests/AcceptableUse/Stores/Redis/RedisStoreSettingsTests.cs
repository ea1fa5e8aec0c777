using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Stores;
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

    [Fact]
    public void Changed_SameValuesInNewOptions_NamesNothing() =>
        Assert.Empty(RedisStoreSettings.Changed(new AupOptions(), new AupOptions()));

    [Fact]
    public void Changed_EachStartupSetting_NamesIt()
    {
        var after = new AupOptions { KeyPrefix = "gw1:", StoreTimeoutMilliseconds = 250, FloodShield = false, Breaker = { SummaryIntervalSeconds = 60 } };

        Assert.Equal(["Aup:KeyPrefix", "Aup:StoreTimeoutMilliseconds", "Aup:FloodShield", "Aup:Breaker"], RedisStoreSettings.Changed(new AupOptions(), after));
    }

    [Theory]
    [InlineData(5, 2000)]
    [InlineData(3, 4000)]
    public void Changed_AnyBreakerValue_NamesTheBreakerOnce(int failureThreshold, int breakMilliseconds)
    {
        var after = new AupOptions { Breaker = { FailureThreshold = failureThreshold, BreakMilliseconds = breakMilliseconds } };

        Assert.Equal(["Aup:Breaker"], RedisStoreSettings.Changed(new AupOptions(), after));
    }

    [Fact]
    public void Changed_ReloadableSettings_NamesNothing()
    {
        var after = new AupOptions { WindowSeconds = 5, OnStoreFailure = StoreFailureMode.Reject, MaxServiceLength = 64 };

        Assert.Empty(RedisStoreSettings.Changed(new AupOptions(), after));
    }
}
