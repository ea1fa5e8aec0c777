using System.Security.Cryptography.X509Certificates;

namespace DrrsGateway.Simulator.Tests;

/// <summary>The simulator behind mutual TLS with a CA it is given, as CAISO's B2B front is.</summary>
public sealed class MutualTlsTests : IClassFixture<MutualTlsTests.Fixture>
{
    private readonly Fixture _fixture;

    public MutualTlsTests(Fixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Post_CertificateFromTheCa_IsAnsweredAndRecorded()
    {
        using var client = _fixture.Client(_fixture.Certificates.Alice);

        var status = await AupCalls.StatusAsync(client, AupCalls.Retrieve("RetrieveDRRSRegistrations_DRRSv1_AP", user: null));

        Assert.Equal(200, status);
        var call = (await AupCalls.ReportAsync(client, "alice")).GetProperty("calls").EnumerateArray().Last();
        Assert.Equal("retrievedrrsregistrations_v1", call.GetProperty("operation").GetString());
        Assert.Equal(_fixture.Certificates.Alice.Subject, call.GetProperty("certificateSubject").GetString());
        Assert.Equal(_fixture.Certificates.Alice.Thumbprint, call.GetProperty("certificateThumbprint").GetString());
    }

    [Fact]
    public async Task Post_CertificateAndUserHeader_KeysOnTheCertificate()
    {
        using var client = _fixture.Client(_fixture.Certificates.Alice);

        Assert.Equal(200, await AupCalls.StatusAsync(client, AupCalls.Retrieve(AupCalls.RetrieveLocations, "mallory")));
        Assert.Equal(500, await AupCalls.StatusAsync(client, AupCalls.Retrieve(AupCalls.RetrieveLocations, "someone-else")));

        Assert.Equal((0, 0), await AupCalls.CountsAsync(client, "mallory"));
        var locations = (await AupCalls.ReportAsync(client, "alice")).GetProperty("operations").GetProperty("retrievedrlocations_v1");
        Assert.Equal((1, 1), (locations.GetProperty("executed").GetInt64(), locations.GetProperty("refused").GetInt64()));
    }

    [Fact]
    public async Task Post_CertificateFromAnotherCa_RefusesTheHandshake() =>
        await AssertHandshakeRefusedAsync(_fixture.Certificates.Stranger);

    [Fact]
    public async Task Post_ExpiredCertificate_RefusesTheHandshake() =>
        await AssertHandshakeRefusedAsync(_fixture.Certificates.Expired);

    [Fact]
    public async Task Post_NoCertificate_RefusesTheHandshake() =>
        await AssertHandshakeRefusedAsync(clientCertificate: null);

    [Fact]
    public async Task Post_OptionalClientCertificate_AcceptsCallersWithout()
    {
        using var certificates = new TestCertificates();
        await using var host = await SimulatorHost.StartAsync(
            [
                $"--Simulator:Tls:CertificatePath={certificates.ServerPfxPath}",
                $"--Simulator:Tls:CertificatePassword={TestCertificates.PfxPassword}",
                $"--Simulator:Tls:ClientCaPath={certificates.ClientCaPath}",
                "--Simulator:Tls:RequireClientCertificate=false",
            ],
            scheme: "https");
        using var anonymous = host.CreateClient(certificates.Handler(clientCertificate: null));
        using var alice = host.CreateClient(certificates.Handler(certificates.Alice));
        using var stranger = host.CreateClient(certificates.Handler(certificates.Stranger));

        Assert.Equal(200, await AupCalls.StatusAsync(anonymous, AupCalls.Retrieve(AupCalls.RetrieveLocations, "dave")));
        Assert.Equal(200, await AupCalls.StatusAsync(alice, AupCalls.Retrieve(AupCalls.RetrieveLocations, user: null)));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => AupCalls.StatusAsync(stranger, AupCalls.Retrieve(AupCalls.RetrieveLocations, user: null)));
        Assert.Equal((1, 0), await AupCalls.CountsAsync(anonymous, "dave"));
        Assert.Equal((1, 0), await AupCalls.CountsAsync(anonymous, "alice"));
    }

    private async Task AssertHandshakeRefusedAsync(X509Certificate2? clientCertificate)
    {
        using var client = _fixture.Client(clientCertificate);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => AupCalls.StatusAsync(client, AupCalls.Retrieve(AupCalls.RetrieveLocations, "alice")));
    }

    /// <summary>The simulator on HTTPS (PEM certificate and key) requiring a certificate from the test CA, policy on.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private SimulatorHost? _host;

        public TestCertificates Certificates { get; } = new();

        public HttpClient Client(X509Certificate2? clientCertificate) => _host!.CreateClient(Certificates.Handler(clientCertificate));

        public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync(
            [
                "--Simulator:Aup:Enabled=true",
                $"--Simulator:Tls:CertificatePath={Certificates.ServerCertificatePath}",
                $"--Simulator:Tls:KeyPath={Certificates.ServerKeyPath}",
                $"--Simulator:Tls:ClientCaPath={Certificates.ClientCaPath}",
            ],
            scheme: "https");

        public async Task DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }

            Certificates.Dispose();
        }
    }
}
