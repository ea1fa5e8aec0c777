using DrrsGateway.AcceptableUse.Settings;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using KestrelClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>
/// Makes every HTTPS endpoint (from <c>Kestrel:Endpoints</c> or code) ask for client certificates as
/// <c>Aup:Identity:ClientCertificate:Mode</c> says.
/// </summary>
internal sealed class ClientCertificateKestrelSetup(AupPolicyProvider policy) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var mode = policy.Current.Identity.CertificateMode;
        if (mode == ClientCertificateMode.None)
        {
            return;
        }

        kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ClientCertificateMode = mode == ClientCertificateMode.Require
                ? KestrelClientCertificateMode.RequireCertificate
                : KestrelClientCertificateMode.AllowCertificate;

            // The handshake takes any certificate: the policy checks it per request against TrustedCaPath,
            // which follows settings changes, and answers an untrusted one with a readable refusal rather
            // than a TLS alert. The machine's own trust store is deliberately not consulted.
            https.ClientCertificateValidation = static (_, _, _) => true;
        });
    }
}
