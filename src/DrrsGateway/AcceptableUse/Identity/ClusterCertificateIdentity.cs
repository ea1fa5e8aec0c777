using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Yarp.ReverseProxy.Model;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>
/// The user of a call on an <c>AupIdentity: ClusterCertificate</c> route: the CAISO user whose certificate the
/// route's cluster presents to DRRS, named as <c>Aup:Identity:CertificateUser</c> names a caller's. Every
/// internal program sending through that route is then one user to the policy, as it is one user to CAISO.
/// </summary>
internal static class ClusterCertificateIdentity
{
    // Read once per certificate (a rotation brings a new instance), not per call.
    private static readonly ConditionalWeakTable<X509Certificate2, NameOf> Names = [];

    public static IdentityResult Resolve(HttpContext context, IClusterCertificates certificates, IdentityPolicy policy)
    {
        if (context.Features.Get<IReverseProxyFeature>()?.Cluster?.Config is not { } cluster
            || certificates.Of(cluster) is not { } certificate)
        {
            // The route filter refuses such a route at load; a call that still gets here names nobody.
            return IdentityResult.Anonymous;
        }

        var name = Names.GetValue(certificate, static _ => new NameOf());
        if (name.Field != policy.CertificateUser || name.User is null)
        {
            name = new NameOf(policy.CertificateUser, CertificateUserName.Of(certificate, policy.CertificateUser));
            Names.AddOrUpdate(certificate, name);
        }

        if (name.User is not { } user)
        {
            return IdentityResult.Invalid($"The certificate cluster '{cluster.ClusterId}' presents has no single {policy.CertificateUser} to name its user.");
        }

        return Settings.NameRules.Check(user, policy.MaxLength, "user identity") is { } problem ? IdentityResult.Invalid(problem) : IdentityResult.Of(user);
    }

    private sealed record NameOf(CertificateUserField? Field = null, string? User = null);
}
