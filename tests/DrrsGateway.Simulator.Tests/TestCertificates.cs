using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DrrsGateway.Simulator.Tests;

/// <summary>
/// A test CA with a server certificate for 127.0.0.1 and client certificates: alice's from the CA, one from
/// another CA, and an expired one, written as the PEM and PFX files the simulator is configured with.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("drrs-sim-tls-");

    public TestCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var authority = Authority("CN=DRRS Simulator Test CA", now);
        using var other = Authority("CN=Some Other CA", now);
        Server = Issue(authority, "CN=127.0.0.1", ServerAuthentication, now.AddDays(-1), now.AddDays(1), san: true);
        Alice = Issue(authority, "CN=alice, O=Test Participant", ClientAuthentication, now.AddDays(-1), now.AddDays(1));
        Stranger = Issue(other, "CN=alice", ClientAuthentication, now.AddDays(-1), now.AddDays(1));
        Expired = Issue(authority, "CN=bob", ClientAuthentication, now.AddDays(-10), now.AddDays(-1));

        ClientCaPath = Write("client-ca.pem", authority.ExportCertificatePem());
        ServerCertificatePath = Write("server.pem", Server.ExportCertificatePem());
        using var key = Server.GetRSAPrivateKey()!;
        ServerKeyPath = Write("server-key.pem", key.ExportPkcs8PrivateKeyPem());
        ServerPfxPath = Path.Combine(_folder.FullName, "server.pfx");
        File.WriteAllBytes(ServerPfxPath, Server.Export(X509ContentType.Pkcs12, PfxPassword));
    }

    public const string PfxPassword = "sim-test";

    public X509Certificate2 Server { get; }

    /// <summary>CN=alice, issued by the test CA.</summary>
    public X509Certificate2 Alice { get; }

    /// <summary>CN=alice too, but issued by another CA.</summary>
    public X509Certificate2 Stranger { get; }

    /// <summary>Issued by the test CA, expired yesterday.</summary>
    public X509Certificate2 Expired { get; }

    public string ClientCaPath { get; }

    public string ServerCertificatePath { get; }

    public string ServerKeyPath { get; }

    public string ServerPfxPath { get; }

    /// <summary>A client that trusts the simulator's certificate and presents <paramref name="clientCertificate"/>, if any.</summary>
    public HttpClientHandler Handler(X509Certificate2? clientCertificate)
    {
        var handler = new HttpClientHandler
        {
            ClientCertificateOptions = ClientCertificateOption.Manual,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == Server.Thumbprint,
        };
        if (clientCertificate is not null)
        {
            handler.ClientCertificates.Add(clientCertificate);
        }

        return handler;
    }

    public void Dispose()
    {
        Server.Dispose();
        Alice.Dispose();
        Stranger.Dispose();
        Expired.Dispose();
        _folder.Delete(recursive: true);
    }

    private static X509Certificate2 Authority(string subject, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now.AddDays(-30), now.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string subject, string usage, DateTimeOffset notBefore, DateTimeOffset notAfter, bool san = false)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (san)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        using var certificate = request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        using var withKey = certificate.CopyWithPrivateKey(key);

        // A PKCS#12 round trip gives the key a home every platform's TLS can use.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
