namespace DrrsGateway.Management;

/// <summary>The management port read at start-up, or null when management endpoints share the proxy's port.</summary>
internal sealed record ManagementPort(int? Value);
