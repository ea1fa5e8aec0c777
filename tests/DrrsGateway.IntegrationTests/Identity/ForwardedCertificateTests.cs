using System.Net;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.TestSupport;
using Serilog.Events;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Identity;

/// <summary>
/// Users identified by the certificate a TLS-terminating proxy forwards in a header: believed from a
/// trusted proxy only, and never passed on to DRRS from anyone else.
/// </summary>
public sealed class ForwardedCertificateTests : IAsyncLifetime
{
    private const string CertificateHeader = "X-Client-Cert";

    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("drrs-fwd-").FullName;
    private RecordingBackend _backend = null!;
    private GatewayFactory _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await RecordingBackend.StartAsync();
        _gateway = Gateway();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
        _ca.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("der")]
    [InlineData("pem")]
    [InlineData("url-encoded-pem")]
    public async Task Call_CertificateFromTrustedProxy_IsKeyedByItsCommonName(string encoding)
    {
        using var alice = _ca.IssueClient($"CN=alice-{encoding}");
        using var client = _gateway.CreateClientFrom(IPAddress.Loopback);

        using var first = await SendAsync(client, Encode(alice, encoding));
        using var second = await SendAsync(client, Encode(alice, encoding));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal($"alice-{encoding}", RefusedUser(_gateway));
    }

    [Fact]
    public async Task Call_CertificateFromProxyInTrustedRange_IsBelieved()
    {
        await using var gateway = Gateway(new() { ["Aup:Identity:TrustedProxies"] = "10.0.0.0/8" });
        using var client = gateway.CreateClientFrom(IPAddress.Parse("10.20.30.40"));
        using var alice = _ca.IssueClient("CN=alice");

        using var first = await SendAsync(client, Encode(alice, "der"));
        using var second = await SendAsync(client, Encode(alice, "der"));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("alice", RefusedUser(gateway));
    }

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("127.0.0.2")]
    public async Task Call_CertificateFromUntrustedPeer_IsIgnored(string peer)
    {
        using var alice = _ca.IssueClient("CN=alice");
        using var client = _gateway.CreateClientFrom(IPAddress.Parse(peer));

        using var response = await SendAsync(client, Encode(alice, "der"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public async Task Call_UntrustedCertificateFromTrustedProxy_Is401()
    {
        using var otherCa = TestCertificateAuthority.Create("Some Other CA");
        using var mallory = otherCa.IssueClient("CN=alice");
        using var client = _gateway.CreateClientFrom(IPAddress.Loopback);

        using var response = await SendAsync(client, Encode(mallory, "der"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_backend.Requests);
    }

    [Theory]
    [InlineData("not a certificate")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")]
    [InlineData("%%%%")]
    public async Task Call_GarbageCertificateHeaderFromTrustedProxy_Is401NotAnError(string header)
    {
        using var client = _gateway.CreateClientFrom(IPAddress.Loopback);

        using var response = await SendAsync(client, header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Call_CertificateAndUserHeader_CertificateWinsByDefault()
    {
        using var carol = _ca.IssueClient("CN=carol");
        using var client = _gateway.CreateClientFrom(IPAddress.Loopback);

        using var first = await SendAsync(client, Encode(carol, "der"), user: "alice");
        using var second = await SendAsync(client, Encode(carol, "der"), user: "bob");

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("carol", RefusedUser(_gateway));
    }

    [Fact]
    public async Task Call_SourcesTrustedHeaderFirst_UserHeaderWins()
    {
        await using var gateway = Gateway(new() { ["Aup:Identity:Sources"] = "TrustedHeader, Certificate" });
        using var carol = _ca.IssueClient("CN=carol");
        using var client = gateway.CreateClientFrom(IPAddress.Loopback);

        using var first = await SendAsync(client, Encode(carol, "der"), user: "alice");
        using var second = await SendAsync(client, Encode(carol, "der"), user: "alice");

        Assert.Equal("alice", RefusedUser(gateway));
    }

    [Fact]
    public async Task Call_IdentityHeadersFromUntrustedPeer_AreNotForwardedToDrrs()
    {
        // On a route with the policy off the request is forwarded whoever sent it: the headers must not be.
        await using var gateway = Gateway(new()
        {
            ["ReverseProxy:Routes:open:ClusterId"] = "drrs",
            ["ReverseProxy:Routes:open:Match:Path"] = "/open/{**rest}",
            ["ReverseProxy:Routes:open:Metadata:AupMode"] = "Off",
        });
        using var alice = _ca.IssueClient("CN=alice");
        using var untrusted = gateway.CreateClientFrom(IPAddress.Parse("203.0.113.7"));
        using var trusted = gateway.CreateClientFrom(IPAddress.Loopback);

        using var fromUntrusted = await SendAsync(untrusted, Encode(alice, "der"), user: "alice", path: "/open/x");
        using var fromTrusted = await SendAsync(trusted, Encode(alice, "der"), user: "alice", path: "/open/y");

        Assert.Equal(HttpStatusCode.OK, fromUntrusted.StatusCode);
        var headers = _backend.Headers.ToArray();
        Assert.False(headers[0].ContainsKey(CertificateHeader));
        Assert.False(headers[0].ContainsKey(GatewayFactory.UserHeader));
        Assert.True(headers[1].ContainsKey(CertificateHeader));
        Assert.Equal("alice", headers[1][GatewayFactory.UserHeader]);
    }

    private GatewayFactory Gateway(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Aup:Identity:ClientCertificate:ForwardedHeader"] = CertificateHeader,
            ["Aup:Identity:ClientCertificate:TrustedCaPath"] = _ca.WritePemFile(_directory),
            ["Aup:Identity:ClientCertificate:CheckRevocation"] = "false",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new GatewayFactory(_backend.Address, settings: all);
    }

    private static string Encode(X509Certificate2 certificate, string encoding) => encoding switch
    {
        "pem" => certificate.ExportCertificatePem().ReplaceLineEndings(" "),
        "url-encoded-pem" => Uri.EscapeDataString(certificate.ExportCertificatePem()),
        _ => Convert.ToBase64String(certificate.RawData),
    };

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string certificateHeader, string? user = null, string path = LocationsPath)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("<soap/>") };
        request.Headers.TryAddWithoutValidation(CertificateHeader, certificateHeader);
        if (user is not null)
        {
            request.Headers.Add(GatewayFactory.UserHeader, user);
        }

        return client.SendAsync(request);
    }

    private static object? RefusedUser(GatewayFactory gateway) =>
        Assert.IsType<ScalarValue>(Assert.Single(gateway.Logs.WithEventId(EventIds.Rejected)).Properties["User"]).Value;
}
