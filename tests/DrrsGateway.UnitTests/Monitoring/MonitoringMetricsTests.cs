using System.Diagnostics.Metrics;
using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.AcceptableUse.Stores.Redis;
using DrrsGateway.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.Monitoring;

public sealed class MonitoringMetricsTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RefusalStreaks _streaks;
    private readonly ReadinessPublisher _readiness = new();

    public MonitoringMetricsTests() =>
        _streaks = new RefusalStreaks(Options.Create(new MonitoringOptions { StuckClientSeconds = 60 }), _time, NullLogger<RefusalStreaks>.Instance);

    private IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

    public void Dispose()
    {
        _streaks.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void BreakerOpen_EmbeddedStore_IsZero()
    {
        _ = new MonitoringMetrics(MeterFactory, _streaks, _readiness, breaker: null);

        Assert.Equal(0, Read(MonitoringMetrics.BreakerOpenName));
    }

    [Fact]
    public async Task BreakerOpen_AfterConsecutiveStoreFailures_IsOneUntilTheProbeSucceeds()
    {
        var store = new FailingStore();
        var breaker = new StoreCircuitBreaker(store, BreakerPolicy.Default with { FailureThreshold = 3, BreakMilliseconds = 2000 }, _time, NullLogger<StoreCircuitBreaker>.Instance);
        _ = new MonitoringMetrics(MeterFactory, _streaks, _readiness, breaker);
        var key = new AupKey("u", "s");

        for (var i = 0; i < 3; i++)
        {
            await breaker.RecordRequestAsync(key, Window);
        }

        Assert.Equal(1, Read(MonitoringMetrics.BreakerOpenName));

        store.Failing = false;
        _time.Advance(TimeSpan.FromSeconds(2));
        await breaker.RecordRequestAsync(key, Window);

        Assert.Equal(0, Read(MonitoringMetrics.BreakerOpenName));
    }

    [Fact]
    public void StuckClients_PairRefusedPastThreshold_IsCounted()
    {
        _ = new MonitoringMetrics(MeterFactory, _streaks, _readiness, breaker: null);
        Assert.Equal(0, Read(MonitoringMetrics.StuckClientsName));

        for (var i = 0; i <= 7; i++)
        {
            _streaks.Observe(new AupKey("u", "s"), StoreAnswer.Rejected, Window);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(1, Read(MonitoringMetrics.StuckClientsName));
    }

    [Theory]
    [InlineData(HealthStatus.Healthy, 1)]
    [InlineData(HealthStatus.Degraded, 1)]
    [InlineData(HealthStatus.Unhealthy, 0)]
    public async Task Ready_LastReadinessRun_FollowsWhatReadyzAnswers(HealthStatus status, int expected)
    {
        _ = new MonitoringMetrics(MeterFactory, _streaks, _readiness, breaker: null);

        await _readiness.PublishAsync(new HealthReport(new Dictionary<string, HealthReportEntry>(), status, TimeSpan.Zero), CancellationToken.None);

        Assert.Equal(expected, Read(MonitoringMetrics.ReadyName));
    }

    [Fact]
    public void Ready_BeforeTheChecksRan_IsZero()
    {
        _ = new MonitoringMetrics(MeterFactory, _streaks, _readiness, breaker: null);

        Assert.Equal(0, Read(MonitoringMetrics.ReadyName));
    }

    private int Read(string instrument)
    {
        using var collector = new MetricCollector<int>(MeterFactory, MonitoringMetrics.MeterName, instrument);
        collector.RecordObservableInstruments();
        return collector.LastMeasurement!.Value;
    }

    private sealed class FailingStore : IAupStore
    {
        public bool Failing { get; set; } = true;

        public ValueTask<StoreAnswer> RecordRequestAsync(AupKey key, TimeSpan window) =>
            ValueTask.FromResult(Failing ? StoreAnswer.StoreUnavailable : StoreAnswer.Allowed);
    }
}
