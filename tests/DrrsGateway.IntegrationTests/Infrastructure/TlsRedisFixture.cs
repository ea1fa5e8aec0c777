using System.Security.Cryptography.X509Certificates;
using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A private CA, the PEM files an operator would deploy (CA bundle, client certificate and key), and one
/// TLS-only redis-server signed by that CA that requires client certificates (<c>tls-auth-clients yes</c>).
/// Tests that need a differently signed server start their own with <see cref="StartServer"/>.
/// </summary>
public sealed class TlsRedisFixture : IDisposable
{
    public TlsRedisFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("drrs-redis-tls-").FullName;
        Ca = TestCertificateAuthority.Create("DRRS Redis Test CA");
        OtherCa = TestCertificateAuthority.Create("Unrelated CA");
        CaPath = Ca.WritePemFile(Directory);
        ClientCertificate = Ca.IssueClient("CN=drrs-gateway, O=DrrsGateway Tests");
        (ClientCertificatePath, ClientKeyPath) = TestCertificateAuthority.WritePemFiles(ClientCertificate, Directory);
        using var serverCertificate = Ca.IssueServer();
        Server = StartServer(serverCertificate);
    }

    /// <summary>A folder for this fixture's files, removed on dispose.</summary>
    public string Directory { get; }

    public TestCertificateAuthority Ca { get; }

    public TestCertificateAuthority OtherCa { get; }

    /// <summary>The CA bundle, the value of Redis:Tls:CaCertificatePath.</summary>
    public string CaPath { get; }

    public X509Certificate2 ClientCertificate { get; }

    public string ClientCertificatePath { get; }

    public string ClientKeyPath { get; }

    /// <summary>Signed by <see cref="Ca"/> for 127.0.0.1 and localhost; requires client certificates.</summary>
    public TlsRedisServer Server { get; }

    /// <summary>The settings that reach <see cref="Server"/>: CA, client certificate and key.</summary>
    public Dictionary<string, string?> GatewaySettings() => new()
    {
        ["Redis:Tls:CaCertificatePath"] = CaPath,
        ["Redis:Tls:ClientCertificatePath"] = ClientCertificatePath,
        ["Redis:Tls:ClientKeyPath"] = ClientKeyPath,
    };

    /// <summary>A TLS-only server with <paramref name="certificate"/>, accepting clients of <see cref="Ca"/>.</summary>
    public TlsRedisServer StartServer(X509Certificate2 certificate, bool requireClientCertificates = true, params string[] extraArguments)
    {
        var (certificatePath, keyPath) = TestCertificateAuthority.WritePemFiles(certificate, Directory);
        return TlsRedisServer.Start(certificatePath, keyPath, CaPath, requireClientCertificates, ClientCertificate, extraArguments);
    }

    public void Dispose()
    {
        Server.Dispose();
        ClientCertificate.Dispose();
        Ca.Dispose();
        OtherCa.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
