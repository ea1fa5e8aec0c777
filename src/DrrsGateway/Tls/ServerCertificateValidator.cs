using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DrrsGateway.Tls;

/// <summary>
/// Judges a server's certificate (Redis, DRRS). With a CA bundle the chain must end at one of its CAs (the
/// system's CAs do not count); without one the system's verdict stands. The host name is always checked.
/// </summary>
internal sealed class ServerCertificateValidator
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    private readonly X509Certificate2Collection? _anchors;
    private readonly string _caSetting;
    private readonly string _nameAdvice;

    /// <param name="anchors">The CAs of <paramref name="caSetting"/>, or null for the system trust store.</param>
    /// <param name="caSetting">The setting naming the CA bundle, for the messages.</param>
    /// <param name="nameAdvice">What to do about a host name mismatch, completing "use the name it carries …".</param>
    public ServerCertificateValidator(X509Certificate2Collection? anchors, string caSetting, string nameAdvice)
    {
        _anchors = anchors;
        _caSetting = caSetting;
        _nameAdvice = nameAdvice;
    }

    /// <summary>Null when the certificate is accepted, else why it is refused.</summary>
    public string? Problem(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "the server sent no certificate";
        }

        // SslStream compared the certificate with the host the client connected to (or sslHost).
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"the certificate ({certificate.Subject}) is not issued for the host name connected to; use the name it carries {_nameAdvice}";
        }

        if (_anchors is null)
        {
            return errors == SslPolicyErrors.None
                ? null
                : $"the certificate ({certificate.Subject}) does not chain to a CA this machine trusts ({Describe(chain?.ChainStatus)}); set {_caSetting} to the CA that signs it";
        }

        return ChainsToAnchors(certificate, chain);
    }

    private string? ChainsToAnchors(X509Certificate certificate, X509Chain? presented)
    {
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        try
        {
            var policy = chain.ChainPolicy;
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(_anchors!);
            policy.ApplicationPolicy.Add(ServerAuthentication);

            // Private CAs rarely publish revocation lists reachable from where the gateway runs.
            policy.RevocationMode = X509RevocationMode.NoCheck;
            if (presented is not null)
            {
                // Intermediates the server sent; they are trusted only if they chain to the anchors.
                policy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
                foreach (var element in presented.ChainElements)
                {
                    policy.ExtraStore.Add(element.Certificate);
                }
            }

            return chain.Build(leaf)
                ? null
                : $"the certificate ({leaf.Subject}, issued by {leaf.Issuer}) does not chain to a CA in {_caSetting} ({Describe(chain.ChainStatus)})";
        }
        catch (CryptographicException e)
        {
            return $"the certificate ({leaf.Subject}) could not be checked ({e.Message})";
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                if (!ReferenceEquals(element.Certificate, leaf))
                {
                    element.Certificate.Dispose();
                }
            }

            if (!ReferenceEquals(leaf, certificate))
            {
                leaf.Dispose();
            }
        }
    }

    private static string Describe(X509ChainStatus[]? statuses) =>
        statuses is null || statuses.Length == 0
            ? "chain not trusted"
            : string.Join("; ", statuses.Select(s => s.StatusInformation.Trim()).Distinct(StringComparer.Ordinal));
}
