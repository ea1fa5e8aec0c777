using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DrrsGateway.AcceptableUse.Stores.InMemory;

/// <summary>The embedded store lives in the process: always ready, never shared.</summary>
internal sealed class InMemoryStoreHealth : IAupStoreHealth
{
    public bool IsShared => false;

    // It never fails; the value is only there for the interface.
    public int RetryAfterSeconds => 1;

    public string? Problem => null;

    public Task<HealthCheckResult> CheckReadinessAsync(TimeSpan timeout, HealthStatus failure, CancellationToken cancellationToken) =>
        Task.FromResult(HealthCheckResult.Healthy("The embedded in-memory store is in use."));
}
