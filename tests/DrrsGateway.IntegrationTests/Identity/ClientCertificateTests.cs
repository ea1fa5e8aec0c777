using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.TestSupport;
using Serilog.Events;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Identity;

/// <summary>Users identified by the client certificate they present to Kestrel over real TLS.</summary>
/// <remarks>
/// Run alone: a real-Kestrel test host started while others start in parallel can read another host's
/// address through the test host's process-wide interception (seen once as "connection refused").
/// </remarks>
[Collection(Hosting.StartupFailureCollection.Name)]
public sealed class ClientCertificateTests : IAsyncLifetime
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private RecordingBackend _backend = null!;
    private TlsGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await RecordingBackend.StartAsync();
        _gateway = TlsGateway.Start(_ca, _backend.Address, "Allow");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task Call_TrustedCertificate_IsKeyedByItsCommonName()
    {
        using var alice = _ca.IssueClient("CN=alice, O=Acme Energy");
        using var client = _gateway.CreateClient(alice);

        using var first = await client.PostAsync(LocationsPath, new StringContent("<soap/>"));
        using var second = await client.PostAsync(LocationsPath, new StringContent("<soap/>"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        var refusal = Assert.Single(_gateway.Factory.Logs.WithEventId(EventIds.Rejected));
        Assert.Equal("alice", Assert.IsType<ScalarValue>(refusal.Properties["User"]).Value);
    }

    [Fact]
    public async Task Call_TwoCertificatesSameService_AreTwoUsers()
    {
        using var alice = _ca.IssueClient("CN=alice-2");
        using var bob = _ca.IssueClient("CN=bob-2");
        using var aliceClient = _gateway.CreateClient(alice);
        using var bobClient = _gateway.CreateClient(bob);

        using var first = await aliceClient.PostAsync(LocationsPath, new StringContent("<soap/>"));
        using var second = await bobClient.PostAsync(LocationsPath, new StringContent("<soap/>"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Call_CertificateFromUntrustedCa_Is401AndNotForwarded()
    {
        using var otherCa = TestCertificateAuthority.Create("Some Other CA");
        using var mallory = otherCa.IssueClient("CN=alice");
        using var client = _gateway.CreateClient(mallory);

        using var response = await client.PostAsync(LocationsPath, new StringContent("<soap/>"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_backend.Requests);
        Assert.Single(_gateway.Factory.Logs.WithEventId(EventIds.CertificateUntrusted));
    }

    [Fact]
    public async Task Call_NoCertificateInAllowMode_Is401()
    {
        using var client = _gateway.CreateClient(clientCertificate: null);

        using var response = await client.PostAsync(LocationsPath, new StringContent("<soap/>"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Call_IdentityHeaderFromTlsClient_IsIgnored()
    {
        // A direct client is no trusted proxy (its address is loopback here, so trust is narrowed to another).
        await using var gateway = TlsGateway.Start(_ca, _backend.Address, "Allow", new Dictionary<string, string?>
        {
            ["Aup:Identity:TrustedProxies"] = "10.9.9.9",
        });
        using var client = gateway.CreateClient(clientCertificate: null);

        using var response = await client.CallAsync("alice");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Call_CertificateUserThumbprint_IsKeyedByThumbprint()
    {
        await using var gateway = TlsGateway.Start(_ca, _backend.Address, "Allow", new Dictionary<string, string?>
        {
            ["Aup:Identity:CertificateUser"] = "Thumbprint",
        });
        using var alice = _ca.IssueClient("CN=alice");
        using var client = gateway.CreateClient(alice);

        using var first = await client.PostAsync(LocationsPath, new StringContent("<soap/>"));
        using var second = await client.PostAsync(LocationsPath, new StringContent("<soap/>"));

        var refusal = Assert.Single(gateway.Factory.Logs.WithEventId(EventIds.Rejected));
        Assert.Equal(alice.Thumbprint, Assert.IsType<ScalarValue>(refusal.Properties["User"]).Value);
    }

    [Fact]
    public async Task Call_NoCertificateInRequireMode_FailsTheHandshake()
    {
        await using var gateway = TlsGateway.Start(_ca, _backend.Address, "Require");
        using var client = gateway.CreateClient(clientCertificate: null);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(LocationsPath, new StringContent("<soap/>")));
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public async Task Call_CertificateInRequireMode_IsKeyedByItsCommonName()
    {
        await using var gateway = TlsGateway.Start(_ca, _backend.Address, "Require");
        using var carol = _ca.IssueClient("CN=carol");
        using var client = gateway.CreateClient(carol);

        using var first = await client.PostAsync(LocationsPath, new StringContent("<soap/>"));
        using var second = await client.PostAsync(LocationsPath, new StringContent("<soap/>"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }
}
