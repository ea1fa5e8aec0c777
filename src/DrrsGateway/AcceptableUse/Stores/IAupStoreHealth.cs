using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DrrsGateway.AcceptableUse.Stores;

/// <summary>What the store in use can say about itself: to the readiness probe and the start-up report.</summary>
internal interface IAupStoreHealth
{
    /// <summary>Whether every replica shares the store (Redis), so the policy holds across them.</summary>
    bool IsShared { get; }

    /// <summary>
    /// How many seconds after a failed answer the store is asked again: the <c>Retry-After</c> of a refusal
    /// for want of the store (the breaker's pause it was started with, not a later edit of the setting).
    /// </summary>
    int RetryAfterSeconds { get; }

    /// <summary>Why the store cannot answer now, or null when it can.</summary>
    string? Problem { get; }

    /// <summary>Whether the store answers within <paramref name="timeout"/>; <paramref name="failure"/> is the status when it does not.</summary>
    Task<HealthCheckResult> CheckReadinessAsync(TimeSpan timeout, HealthStatus failure, CancellationToken cancellationToken);
}
