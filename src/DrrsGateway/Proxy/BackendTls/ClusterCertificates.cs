using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.AcceptableUse.Identity;
using Yarp.ReverseProxy.Configuration;

namespace DrrsGateway.Proxy.BackendTls;

/// <summary>The certificate each cluster presents now, from the material <see cref="BackendTlsClusters"/> loaded; never loads on the request path.</summary>
internal sealed class ClusterCertificates(BackendTlsClusters clusters) : IClusterCertificates
{
    // Read once per cluster configuration: a reload brings new ClusterConfig instances.
    private static readonly ConditionalWeakTable<ClusterConfig, SettingsOf> Settings = [];

    public X509Certificate2? Of(ClusterConfig cluster)
    {
        var settings = Settings.GetValue(cluster, static config => new SettingsOf(BackendTlsMetadata.Read(config.Metadata, out _))).Value;
        return settings?.ClientCertificate is null ? null : clusters.Find(cluster.ClusterId, settings)?.ClientCertificate?.Current;
    }

    private sealed record SettingsOf(BackendTlsSettings? Value);
}
