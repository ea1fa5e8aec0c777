namespace DrrsGateway.Observability;

/// <summary>
/// Whether traces leave the gateway (an OTLP endpoint is configured). Without it, no trace context is sent to
/// DRRS either: nothing would ever join it up, and HttpClient's diagnostics handler costs a child activity
/// and header injection on every forwarded call (measured in docs/performance.md).
/// </summary>
internal sealed record TraceExport(bool Enabled);
