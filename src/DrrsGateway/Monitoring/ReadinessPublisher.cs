using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DrrsGateway.Monitoring;

/// <summary>
/// Keeps the outcome of the readiness checks, the ones <c>/readyz</c> runs, each time the health-check
/// publisher runs them, so a gauge can say whether this replica is ready without a check per scrape.
/// </summary>
internal sealed class ReadinessPublisher : IHealthCheckPublisher
{
    // Not ready until the checks have run once.
    private bool _isReady;

    /// <summary>Whether the last run passed, as <c>/readyz</c> would have answered 200 (healthy or degraded).</summary>
    public bool IsReady => Volatile.Read(ref _isReady);

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Volatile.Write(ref _isReady, report.Status != HealthStatus.Unhealthy);
        return Task.CompletedTask;
    }
}
