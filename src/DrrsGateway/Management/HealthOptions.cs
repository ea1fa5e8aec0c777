namespace DrrsGateway.Management;

/// <summary>How readiness (<c>/readyz</c>) judges the lock store, bound from the <c>Health</c> section.</summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Health";

    /// <summary>
    /// Whether readiness fails (503) while Redis does not answer. Set it to false where every replica
    /// should keep receiving traffic through a Redis outage (with <c>Aup:OnStoreFailure=Allow</c>): readiness
    /// then answers 200 and reports the store as degraded. The default is <c>true</c>.
    /// </summary>
    public bool ReadinessRequiresStore { get; set; } = true;

    /// <summary>
    /// Longest wait for Redis to answer the readiness PING, in milliseconds; keep it below the probe's own
    /// timeout. The default is 1000.
    /// </summary>
    public int ReadinessTimeoutMilliseconds { get; set; } = 1000;
}
