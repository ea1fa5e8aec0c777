using Serilog.Events;

namespace DrrsGateway.Observability;

/// <summary>The one-event-per-request log, bound from the <c>RequestLog</c> section.</summary>
public sealed class RequestLogOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "RequestLog";

    /// <summary>
    /// Level of the request event for proxied requests that did not fail on the server (5xx and exceptions
    /// are always Error; health, readiness, metrics and admin requests always Verbose). The default is
    /// <c>Debug</c>: a line per allowed request, or per refusal under a flood, would cost throughput and drown
    /// the policy's own refusal events; set <c>Information</c> to see every request.
    /// </summary>
    public LogEventLevel Level { get; set; } = LogEventLevel.Debug;

    /// <summary>
    /// Whether the request-log middleware runs at all. The default is <c>true</c>; <c>false</c> removes it from
    /// the pipeline, so it costs nothing (for measuring what it costs, or where another log covers requests).
    /// </summary>
    public bool Enabled { get; set; } = true;
}
