using Serilog.Events;

namespace DrrsGateway.Hosting;

/// <summary>The one-event-per-request log, bound from the <c>RequestLog</c> section.</summary>
public sealed class RequestLogOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "RequestLog";

    /// <summary>
    /// Level of the request event for proxied requests that did not fail on the server (5xx and exceptions
    /// are always Error; health, readiness, metrics and admin requests always Verbose). Lower it to
    /// <c>Debug</c> to keep only the policy's own refusal events at Information. The default is Information.
    /// </summary>
    public LogEventLevel Level { get; set; } = LogEventLevel.Information;
}
