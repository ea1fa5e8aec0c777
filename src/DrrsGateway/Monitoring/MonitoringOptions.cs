namespace DrrsGateway.Monitoring;

/// <summary>What the gateway's monitoring gauges count, bound from the <c>Monitoring</c> section.</summary>
public sealed class MonitoringOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Monitoring";

    /// <summary>The longest accepted <see cref="StuckClientSeconds"/>, a day.</summary>
    public const int MaxStuckClientSeconds = 86_400;

    /// <summary>
    /// How long a (user, service) pair must have been refused over and over, with no call let through,
    /// before it counts as a client stuck in the reset loop (<c>drrs_aup_stuck_clients</c>). The default is 180.
    /// </summary>
    public int StuckClientSeconds { get; set; } = 180;
}
