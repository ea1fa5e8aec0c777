using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.Tls;

namespace DrrsGateway.Proxy.BackendTls;

/// <summary>
/// The <see cref="RemoteCertificateValidationCallback"/> of one cluster's HTTP client: the shared
/// <see cref="ServerCertificateValidator"/> (the cluster's CA bundle or the system's, host name always checked),
/// with the reason of a refusal kept for the failed request's log line.
/// </summary>
internal sealed class BackendCertificateCheck(string clusterId, ServerCertificateValidator validator, ServerCertificateRefusals refusals)
{
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var problem = validator.Problem(certificate, chain, errors);
        if (problem is null)
        {
            return true;
        }

        refusals.Record(clusterId, problem);
        return false;
    }
}
