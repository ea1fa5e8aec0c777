using DrrsGateway.AcceptableUse.Stores;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DrrsGateway.Management;

/// <summary>
/// Readiness of the lock store, asked of the store in use within <see cref="HealthOptions.ReadinessTimeoutMilliseconds"/>;
/// <see cref="HealthOptions.ReadinessRequiresStore"/> says whether a store that does not answer makes the replica unready or degraded.
/// </summary>
internal sealed class StoreReadinessCheck(IAupStoreHealth store, IOptionsMonitor<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        return store.CheckReadinessAsync(
            TimeSpan.FromMilliseconds(settings.ReadinessTimeoutMilliseconds),
            settings.ReadinessRequiresStore ? HealthStatus.Unhealthy : HealthStatus.Degraded,
            cancellationToken);
    }
}
