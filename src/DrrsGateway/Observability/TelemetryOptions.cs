namespace DrrsGateway.Observability;

/// <summary>
/// Which of the always-on instruments are collected, bound from <c>Telemetry</c>. Each is on by default; the
/// switches exist to measure what each costs and to drop one an operator never reads. The policy's own meter
/// is always collected.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>ASP.NET Core's request, Kestrel and exception instruments (<c>http_server_request_duration_seconds</c>, <c>kestrel_*</c>, …). The default is <c>true</c>.</summary>
    public bool AspNetCoreInstrumentation { get; set; } = true;

    /// <summary>Outgoing HTTP instruments, i.e. YARP's calls to DRRS (<c>http_client_request_duration_seconds</c>, …). The default is <c>true</c>.</summary>
    public bool HttpClientInstrumentation { get; set; } = true;

    /// <summary>.NET runtime instruments (GC, thread pool, …). The default is <c>true</c>.</summary>
    public bool RuntimeInstrumentation { get; set; } = true;
}
