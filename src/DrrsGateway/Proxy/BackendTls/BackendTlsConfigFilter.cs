using Yarp.ReverseProxy.Configuration;

namespace DrrsGateway.Proxy.BackendTls;

/// <summary>
/// Checks each cluster's TLS metadata whenever YARP loads clusters and loads its certificate files. A bad
/// setting or file stops the gateway at start-up with a message naming the cluster, the setting and the file;
/// in a live reload YARP logs the error and keeps the previous clusters.
/// </summary>
internal sealed partial class BackendTlsConfigFilter(BackendTlsClusters clusters, ILogger<BackendTlsConfigFilter> logger) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var settings = BackendTlsMetadata.Read(cluster.Metadata, out var problem);
        if (problem is not null)
        {
            throw new InvalidOperationException($"Cluster '{cluster.ClusterId}': {problem}.");
        }

        if (cluster.HttpClient?.DangerousAcceptAnyServerCertificate == true)
        {
            if (settings?.BackendCaBundle is not null)
            {
                throw new InvalidOperationException(
                    $"Cluster '{cluster.ClusterId}': {BackendTlsMetadata.BackendCaBundle} is set and HttpClient:DangerousAcceptAnyServerCertificate is true; choose one.");
            }

            Log.AnyServerCertificateAccepted(logger, cluster.ClusterId);
        }

        clusters.Get(cluster.ClusterId, settings);
        return new(cluster);
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) => new(route);

    private static partial class Log
    {
        [LoggerMessage(EventIds.BackendAnyServerCertificateAccepted, LogLevel.Warning,
            "Cluster {ClusterId} has HttpClient:DangerousAcceptAnyServerCertificate set: its backends' certificates are NOT checked, anyone on the network path can read and change its traffic. Use BackendCaBundle for test CAs instead")]
        public static partial void AnyServerCertificateAccepted(ILogger logger, string clusterId);
    }
}
