namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// The circuit breaker in front of Redis, bound from <c>Aup:Breaker</c>: stops an outage from adding the
/// store timeout to every request, and probes for recovery.
/// </summary>
public sealed class AupBreakerOptions
{
    /// <summary>Consecutive store failures that open the circuit. The default is 3.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>
    /// How long the circuit stays open before one request probes Redis again, in milliseconds.
    /// The default is 2000, so enforcement resumes within about two seconds of Redis returning.
    /// </summary>
    public int BreakMilliseconds { get; set; } = 2000;

    /// <summary>How often an ongoing outage is summarised in the log, in seconds. The default is 30.</summary>
    public int SummaryIntervalSeconds { get; set; } = 30;
}
