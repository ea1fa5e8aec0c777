using System.Net;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.TestSupport;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Backends;

/// <summary>
/// Mutual TLS toward DRRS: the built gateway, configured only by environment variables, in front of an HTTPS
/// backend that requires a client certificate from its CA and records the one it saw.
/// </summary>
public sealed class BackendTlsTests : IAsyncLifetime
{
    private const string Metadata = "ReverseProxy__Clusters__drrs__Metadata__";
    private const string IdentityMetadata = "ReverseProxy__Routes__drrs__Metadata__AupIdentity";

    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly TestCertificateAuthority _otherCa = TestCertificateAuthority.Create("Other CA");
    private readonly CertificateFiles _files = new();
    private readonly List<IAsyncDisposable> _running = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var running in Enumerable.Reverse(_running))
        {
            await running.DisposeAsync();
        }

        _files.Dispose();
        _ca.Dispose();
        _otherCa.Dispose();
    }

    [Fact]
    public async Task Forward_PemCertificateAndKey_BackendSeesTheClientCertificate()
    {
        var backend = await BackendAsync(_ca.IssueServer());
        var gateway = await PemGatewayAsync(backend, _files.Pem(_ca.IssueClient("CN=alice")), _ca);

        using var response = await Client(gateway).CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CN=alice", Assert.Single(backend.ClientCertificates));
    }

    [Fact]
    public async Task Forward_PfxWithPassword_BackendSeesTheClientCertificate()
    {
        var backend = await BackendAsync(_ca.IssueServer());
        var gateway = await GatewayAsync(backend, new()
        {
            [Metadata + "ClientCertificate"] = _files.Pfx(_ca.IssueClient("CN=alice"), "pfx-secret"),
            [Metadata + "ClientCertificatePassword"] = "pfx-secret",
            [Metadata + "BackendCaBundle"] = _ca.WritePemFile(_files.Directory),
        });

        using var response = await Client(gateway).CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CN=alice", Assert.Single(backend.ClientCertificates));
        Assert.DoesNotContain(gateway.Output, line => line.Contains("pfx-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forward_EncryptedPemKeyWithPasswordFile_BackendSeesTheClientCertificate()
    {
        var backend = await BackendAsync(_ca.IssueServer());
        var (certificate, key) = _files.EncryptedPem(_ca.IssueClient("CN=alice"), "key-secret");
        var gateway = await GatewayAsync(backend, new()
        {
            [Metadata + "ClientCertificate"] = certificate,
            [Metadata + "ClientCertificateKey"] = key,
            [Metadata + "ClientCertificatePassword"] = "file:" + _files.Write("key-secret\n"),
            [Metadata + "BackendCaBundle"] = _ca.WritePemFile(_files.Directory),
        });

        using var response = await Client(gateway).CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CN=alice", Assert.Single(backend.ClientCertificates));
    }

    [Fact]
    public async Task Forward_BackendCaBundleOfAnotherCa_Answers502AndLogsWhy()
    {
        var backend = await BackendAsync(_ca.IssueServer());
        var gateway = await PemGatewayAsync(backend, _files.Pem(_ca.IssueClient("CN=alice")), _otherCa);

        using var response = await Client(gateway).CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Empty(backend.Requests);
        await AssertLoggedAsync(gateway, "does not chain to a CA in BackendCaBundle of cluster 'drrs'");
    }

    [Fact]
    public async Task Forward_ServerCertificateForAnotherHost_Answers502AndLogsWhy()
    {
        var backend = await BackendAsync(_ca.IssueServer("elsewhere.example"));
        var gateway = await PemGatewayAsync(backend, _files.Pem(_ca.IssueClient("CN=alice")), _ca);

        using var response = await Client(gateway).CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        await AssertLoggedAsync(gateway, "is not issued for the host name connected to");
    }

    [Fact]
    public async Task Forward_ClientCertificateTheBackendRefuses_Answers502AndLogsWhy()
    {
        var backend = await BackendAsync(_ca.IssueServer());
        var gateway = await PemGatewayAsync(backend, _files.Pem(_otherCa.IssueClient("CN=mallory")), _ca);

        var started = TimeProvider.System.GetTimestamp();
        using var response = await Client(gateway).CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10), "The refusal took too long.");
        Assert.Empty(backend.Requests);
        await AssertLoggedAsync(gateway, "may not accept the client certificate CN=mallory");
    }

    [Fact]
    public async Task Start_ExpiredClientCertificate_ExitsNamingTheFile()
    {
        var backend = await BackendAsync(_ca.IssueServer());
        var (certificate, key) = _files.Pem(_ca.IssueClient("CN=alice", notAfter: DateTimeOffset.UtcNow.AddHours(-1)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GatewayAsync(backend, new()
        {
            [Metadata + "ClientCertificate"] = certificate,
            [Metadata + "ClientCertificateKey"] = key,
        }));

        Assert.DoesNotContain("exited with code 0 ", error.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Cluster 'drrs': ClientCertificate '{certificate}' (CN=alice) has expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_ClusterCertificateRoute_EveryProgramIsTheCertificatesUser()
    {
        var backend = await BackendAsync(_ca.IssueServer());
        var (certificate, key) = _files.Pem(_ca.IssueClient("CN=alice"));
        var gateway = await GatewayAsync(backend, new()
        {
            [Metadata + "ClientCertificate"] = certificate,
            [Metadata + "ClientCertificateKey"] = key,
            [Metadata + "BackendCaBundle"] = _ca.WritePemFile(_files.Directory),
            [IdentityMetadata] = "ClusterCertificate",
        });
        using var client = Client(gateway);

        // Two internal programs, one naming itself and one not: to CAISO both are alice, and so to the policy.
        using var first = await client.CallAsync("scheduler-job");
        using var second = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, LocationsPath) { Content = new StringContent("<x/>") });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Single(backend.ClientCertificates);
        await EventuallyAsync(
            () => Task.FromResult(gateway.Output.Any(line => line.Contains("\"Decision\":\"Rejected\"", StringComparison.Ordinal) && line.Contains("\"User\":\"alice\"", StringComparison.Ordinal))),
            "the refusal logged for user alice");
    }

    [Fact]
    public async Task Start_ClusterCertificateRouteWithoutCertificate_ExitsNamingTheRoute()
    {
        var backend = await BackendAsync(_ca.IssueServer());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GatewayAsync(backend, new() { [IdentityMetadata] = "ClusterCertificate" }));

        Assert.Contains("Route 'drrs' has metadata AupIdentity = ClusterCertificate, but its cluster 'drrs' presents no client certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forward_CertificateFilesReplacedDuringCalls_NoCallFailsAndTheNewOneIsUsed()
    {
        var backend = await BackendAsync(_ca.IssueServer());
        var (certificate, key) = _files.Pem(_ca.IssueClient("CN=alice"));
        var gateway = await PemGatewayAsync(backend, (certificate, key), _ca);
        using var client = Client(gateway);
        var statuses = new List<HttpStatusCode>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var renewed = false;
        while (!stop.IsCancellationRequested && !backend.ClientCertificates.Contains("CN=bob"))
        {
            using var response = await client.CallAsync(NewUser());
            statuses.Add(response.StatusCode);
            if (!renewed && statuses.Count == 10)
            {
                // Written in place, one file after the other, as a careless renewal script would.
                var (newCertificate, newKey) = _files.Pem(_ca.IssueClient("CN=bob"));
                File.Copy(newCertificate, certificate, overwrite: true);
                await Task.Delay(300);
                File.Copy(newKey, key, overwrite: true);
                renewed = true;
            }
        }

        Assert.Contains("CN=bob", backend.ClientCertificates);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Contains(gateway.Output, line => line.Contains("\"EventId\":{\"Id\":181", StringComparison.Ordinal));
    }

    private async Task<RecordingBackend> BackendAsync(X509Certificate2 serverCertificate)
    {
        var backend = await RecordingBackend.StartTlsAsync(serverCertificate, _ca.Certificate);
        _running.Add(backend);
        return backend;
    }

    private async Task<GatewayProcess> GatewayAsync(RecordingBackend backend, Dictionary<string, string> settings)
    {
        settings["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = backend.Address;
        settings["Aup__Identity__TrustedHeader"] = GatewayFactory.UserHeader;
        var gateway = await GatewayProcess.StartAsync(settings);
        _running.Add(gateway);
        return gateway;
    }

    private Task<GatewayProcess> PemGatewayAsync(RecordingBackend backend, (string Certificate, string Key) pem, TestCertificateAuthority trusted) =>
        GatewayAsync(backend, new()
        {
            [Metadata + "ClientCertificate"] = pem.Certificate,
            [Metadata + "ClientCertificateKey"] = pem.Key,
            [Metadata + "BackendCaBundle"] = trusted.WritePemFile(_files.Directory),
        });

    private static HttpClient Client(GatewayProcess gateway) => new() { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

    // The line is written after the 502 is sent: give it a moment.
    private static Task AssertLoggedAsync(GatewayProcess gateway, string reason) =>
        EventuallyAsync(
            () => Task.FromResult(gateway.Output.Any(line => line.Contains("\"EventId\":{\"Id\":183", StringComparison.Ordinal)
                && line.Contains(reason, StringComparison.Ordinal))),
            $"event 183 saying '{reason}'",
            TimeSpan.FromSeconds(5));
}
