using System.Security.Cryptography.X509Certificates;
using Yarp.ReverseProxy.Configuration;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>The client certificate a cluster presents to its backend now (after any rotation), for routes whose user it is.</summary>
internal interface IClusterCertificates
{
    /// <summary>The certificate <paramref name="cluster"/> presents, or null when it presents none.</summary>
    X509Certificate2? Of(ClusterConfig cluster);
}
