using System.Diagnostics.Metrics;
using DrrsGateway.AcceptableUse.Stores.Redis;

namespace DrrsGateway.Monitoring;

/// <summary>
/// The gateway's state as gauges on the <see cref="MeterName"/> meter, for the shipped alerts and dashboard
/// (deploy/monitoring): whether the circuit breaker in front of Redis is open, how many clients are stuck
/// in the reset loop, and whether this replica is ready. Each is read when scraped.
/// </summary>
internal sealed class MonitoringMetrics
{
    /// <summary>Name of the meter to subscribe to (OpenTelemetry, dotnet-counters, MetricCollector).</summary>
    public const string MeterName = "DrrsGateway.Monitoring";

    public const string BreakerOpenName = "drrs.aup.store.breaker.open";
    public const string StuckClientsName = "drrs.aup.stuck_clients";
    public const string ReadyName = "drrs.gateway.ready";

    public MonitoringMetrics(IMeterFactory meterFactory, RefusalStreaks streaks, ReadinessPublisher readiness, StoreCircuitBreaker? breaker)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(streaks);
        ArgumentNullException.ThrowIfNull(readiness);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(BreakerOpenName, () => breaker is { IsOpen: true } ? 1 : 0, "{circuit}",
            "1 while the circuit breaker in front of Redis is open (requests decided by Aup:OnStoreFailure without asking Redis), else 0; always 0 on the embedded store.");
        meter.CreateObservableGauge(StuckClientsName, () => streaks.StuckClients, "{client}",
            "(user, service) pairs refused over and over for at least Monitoring:StuckClientSeconds, with no call let through.");
        meter.CreateObservableGauge(ReadyName, () => readiness.IsReady ? 1 : 0, "{replica}",
            "1 while this replica's readiness checks pass (/readyz answers 200), else 0.");
    }
}
