namespace DrrsGateway.Management;

/// <summary>
/// Marks the gateway's own endpoints (health, readiness, metrics, admin): never proxied nor limited, and
/// answered only on <c>Management:Port</c> when that is set.
/// </summary>
internal sealed class ManagementEndpointMetadata
{
    public static readonly ManagementEndpointMetadata Instance = new();

    private ManagementEndpointMetadata()
    {
    }
}
