using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DrrsGateway.TestSupport;

/// <summary>
/// A throw-away CA made at run time (nothing is checked in): issues client and server certificates with
/// private keys, and writes its own certificate as the PEM bundle the gateway trusts.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private TestCertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public static TestCertificateAuthority Create(string name = "DRRS Test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=DrrsGateway Tests", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new TestCertificateAuthority(Reload(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1))));
    }

    /// <summary>A client certificate for <paramref name="subject"/>, e.g. <c>CN=alice, O=Acme</c>.</summary>
    public X509Certificate2 IssueClient(string subject, DateTimeOffset? notAfter = null) =>
        Issue(subject, ClientAuthentication, notAfter, san: null);

    /// <summary>A server certificate for 127.0.0.1 and localhost.</summary>
    public X509Certificate2 IssueServer()
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        return Issue("CN=localhost", ServerAuthentication, notAfter: null, san.Build());
    }

    /// <summary>A server certificate for <paramref name="dnsName"/> only (no IP address), e.g. to be refused on 127.0.0.1.</summary>
    public X509Certificate2 IssueServer(string dnsName)
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        return Issue($"CN={dnsName}", ServerAuthentication, notAfter: null, san.Build());
    }

    /// <summary>
    /// Writes <paramref name="certificate"/> and its private key as two PEM files (the form redis-server and
    /// <c>Redis:Tls:*</c> read) and returns their paths.
    /// </summary>
    public static (string CertificatePath, string KeyPath) WritePemFiles(X509Certificate2 certificate, string directory)
    {
        var name = Guid.NewGuid().ToString("N");
        var certificatePath = Path.Combine(directory, $"{name}.crt");
        var keyPath = Path.Combine(directory, $"{name}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The certificate has no ECDSA private key.");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    /// <summary>The CA certificate as PEM, the form of <c>Aup:Identity:ClientCertificate:TrustedCaPath</c>.</summary>
    public string ExportPem() => Certificate.ExportCertificatePem();

    /// <summary>Writes <see cref="ExportPem"/> to a new file and returns its path.</summary>
    public string WritePemFile(string directory)
    {
        var path = Path.Combine(directory, $"ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, ExportPem());
        return path;
    }

    public void Dispose() => Certificate.Dispose();

    private X509Certificate2 Issue(string subject, Oid usage, DateTimeOffset? notAfter, X509Extension? san)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }

        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(Certificate, now.AddDays(-1), notAfter ?? now.AddDays(30), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    // A PKCS#12 round trip gives a certificate whose key TLS stacks can use on every platform.
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
}
