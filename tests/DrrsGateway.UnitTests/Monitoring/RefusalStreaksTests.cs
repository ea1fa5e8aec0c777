using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.Monitoring;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.Monitoring;

public sealed class RefusalStreaksTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(10);
    private static readonly AupKey Key = new("alice", "retrievedrrslocations_v1");

    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<RefusalStreaks> _logger = new();
    private readonly RefusalStreaks _streaks;

    public RefusalStreaksTests() =>
        _streaks = new RefusalStreaks(Options.Create(new MonitoringOptions { StuckClientSeconds = 180 }), _time, _logger);

    public void Dispose() => _streaks.Dispose();

    [Fact]
    public void Observe_RefusedEvery10SecondsForThreshold_CountsOneStuckClient()
    {
        _streaks.Observe(Key, StoreAnswer.Allowed, Window);
        RefuseEvery(RetryEvery, TimeSpan.FromSeconds(180));
        Assert.Equal(0, _streaks.StuckClients);

        RefuseEvery(RetryEvery, RetryEvery);

        Assert.Equal(1, _streaks.StuckClients);
        var stuck = Assert.Single(_logger.Collector.GetSnapshot(), record => record.Id.Id == 160);
        Assert.Equal("alice", stuck.GetStructuredStateValue("User"));
        Assert.Equal("19", stuck.GetStructuredStateValue("Refusals"));
    }

    [Fact]
    public void Observe_StuckClientKeepsRetrying_IsCountedAndLoggedOnce()
    {
        RefuseEvery(RetryEvery, TimeSpan.FromMinutes(10));

        Assert.Equal(1, _streaks.StuckClients);
        Assert.Single(_logger.Collector.GetSnapshot(), record => record.Id.Id == 160);
    }

    [Fact]
    public void Observe_StuckClientLetThrough_IsNoLongerCounted()
    {
        RefuseEvery(RetryEvery, TimeSpan.FromMinutes(4));

        _time.Advance(Window);
        _streaks.Observe(Key, StoreAnswer.Allowed, Window);

        Assert.Equal(0, _streaks.StuckClients);
        Assert.Equal(0, _streaks.Count);
        var ended = Assert.Single(_logger.Collector.GetSnapshot(), record => record.Id.Id == 161);
        Assert.Equal("Allowed", ended.GetStructuredStateValue("StreakEnd"));
    }

    [Fact]
    public void SweepQuiet_StuckClientSilentForTwoWindows_IsNoLongerCounted()
    {
        RefuseEvery(RetryEvery, TimeSpan.FromMinutes(4));

        _time.Advance(2 * Window);
        _streaks.SweepQuiet();
        Assert.Equal(1, _streaks.StuckClients);

        _time.Advance(TimeSpan.FromSeconds(1));
        _streaks.SweepQuiet();

        Assert.Equal(0, _streaks.StuckClients);
        Assert.Equal(0, _streaks.Count);
        Assert.Equal("Quiet", Assert.Single(_logger.Collector.GetSnapshot(), record => record.Id.Id == 161).GetStructuredStateValue("StreakEnd"));
    }

    [Fact]
    public void Observe_RefusalsFurtherApartThanTwoWindows_NeverMakeAStreak()
    {
        // Each one lets the window run out here; between them the client may be let through elsewhere.
        RefuseEvery(2 * Window + TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30));

        Assert.Equal(0, _streaks.StuckClients);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public void Observe_ClientsOfOneUserOnTwoServices_AreTwoStreaks()
    {
        var other = Key with { Service = "retrievedrrsregistrations_v1" };
        for (var elapsed = TimeSpan.Zero; elapsed <= TimeSpan.FromMinutes(4); elapsed += RetryEvery)
        {
            _streaks.Observe(Key, StoreAnswer.Rejected, Window);
            _streaks.Observe(other, StoreAnswer.Rejected, Window);
            _time.Advance(RetryEvery);
        }

        Assert.Equal(2, _streaks.StuckClients);
    }

    [Fact]
    public void Observe_StoreFailure_NeitherGrowsNorEndsAStreak()
    {
        RefuseEvery(RetryEvery, TimeSpan.FromMinutes(4));

        _streaks.Observe(Key, StoreAnswer.StoreUnavailable, Window);

        Assert.Equal(1, _streaks.StuckClients);
        Assert.Equal(1, _streaks.Count);
    }

    [Fact]
    public void Observe_AllowedPairNeverRefused_KeepsNothing()
    {
        _streaks.Observe(Key, StoreAnswer.Allowed, Window);

        Assert.Equal(0, _streaks.Count);
    }

    private void RefuseEvery(TimeSpan interval, TimeSpan duration)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += interval)
        {
            _time.Advance(interval);
            _streaks.Observe(Key, StoreAnswer.Rejected, Window);
        }
    }
}
