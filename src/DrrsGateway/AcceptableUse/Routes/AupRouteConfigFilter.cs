using DrrsGateway.AcceptableUse.Settings;
using Yarp.ReverseProxy.Configuration;

namespace DrrsGateway.AcceptableUse.Routes;

/// <summary>
/// Checks the policy's route metadata whenever YARP loads routes. A bad value stops the gateway at start-up
/// with a message naming the route; in a live reload YARP logs the error and keeps the previous routes, so a
/// typo never silently switches a route's policy off or changes its window.
/// </summary>
internal sealed class AupRouteConfigFilter(AupPolicyProvider policy) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => new(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        if (route.Metadata is { Count: > 0 } metadata)
        {
            var parsed = RouteMetadata.Parse(metadata, policy.Current.MaxServiceLength, out var problem);
            if (problem is not null)
            {
                throw new InvalidOperationException($"Route '{route.RouteId}' has {problem}.");
            }

            // Its user would be nobody: every call refused as unidentified. Better said once, at load.
            if (parsed.ClusterCertificateIdentity && !PresentsCertificate(cluster))
            {
                throw new InvalidOperationException(
                    $"Route '{route.RouteId}' has metadata {RouteMetadata.IdentityKey} = {RouteMetadata.ClusterCertificate}, but its cluster '{route.ClusterId}' presents no client certificate (cluster metadata ClientCertificate).");
            }
        }

        return new(route);
    }

    private static bool PresentsCertificate(ClusterConfig? cluster) =>
        cluster?.Metadata is { } metadata
        && metadata.Any(entry => string.Equals(entry.Key, Proxy.BackendTls.BackendTlsMetadata.ClientCertificate, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(entry.Value));
}
