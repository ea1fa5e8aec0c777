using System.Security.Cryptography.X509Certificates;
using Yarp.ReverseProxy.Configuration;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>Where the proxy presents no client certificates: no cluster has one.</summary>
internal sealed class NoClusterCertificates : IClusterCertificates
{
    public X509Certificate2? Of(ClusterConfig cluster) => null;
}
