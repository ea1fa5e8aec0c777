using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// The gateway on a real Kestrel HTTPS listener, configured as operators do it: <c>Kestrel:Endpoints:Https</c>
/// with a certificate file, client certificates from <c>Aup:Identity:ClientCertificate</c>, and a CA bundle
/// file, all made at run time in a temporary folder.
/// </summary>
public sealed class TlsGateway : IAsyncDisposable
{
    private const string ServerCertificatePassword = "test-only";

    private readonly string _directory;
    private readonly X509Certificate2 _serverCertificate;

    private TlsGateway(string directory, X509Certificate2 serverCertificate, GatewayFactory factory, Uri address)
    {
        _directory = directory;
        _serverCertificate = serverCertificate;
        Factory = factory;
        Address = address;
    }

    public GatewayFactory Factory { get; }

    public Uri Address { get; }

    public static TlsGateway Start(TestCertificateAuthority ca, string backendAddress, string mode, IDictionary<string, string?>? settings = null)
    {
        var directory = Directory.CreateTempSubdirectory("drrs-tls-").FullName;
        var serverCertificate = ca.IssueServer();
        var serverPfx = Path.Combine(directory, "server.pfx");
        File.WriteAllBytes(serverPfx, serverCertificate.Export(X509ContentType.Pkcs12, ServerCertificatePassword));

        var all = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = serverPfx,
            ["Kestrel:Endpoints:Https:Certificate:Password"] = ServerCertificatePassword,
            ["Aup:Identity:ClientCertificate:Mode"] = mode,
            ["Aup:Identity:ClientCertificate:TrustedCaPath"] = ca.WritePemFile(directory),
            ["Aup:Identity:ClientCertificate:CheckRevocation"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new GatewayFactory(backendAddress, settings: all);
        factory.UseKestrel();
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single(a => a.StartsWith("https://", StringComparison.Ordinal));
        return new TlsGateway(directory, serverCertificate, factory, new Uri(address));
    }

    /// <summary>A client that trusts only this gateway's server certificate and presents <paramref name="clientCertificate"/>.</summary>
    public HttpClient CreateClient(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHashString() == _serverCertificate.GetCertHashString(),
                LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate!,
            },
        };
        return new HttpClient(handler) { BaseAddress = Address };
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        _serverCertificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
