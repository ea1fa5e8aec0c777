using System.Net;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.IntegrationTests.Clients;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.TestSupport;
using static DrrsGateway.IntegrationTests.Infrastructure.CaisoWire;

namespace DrrsGateway.IntegrationTests.Backends;

/// <summary>
/// The deployment of docs/in-front-of-caiso.md, end to end: a hold-mode gateway configured only by environment
/// variables, one route and cluster per CAISO user (a path prefix the route strips, the user's certificate
/// on the cluster, the policy's user the certificate's), in front of a DRRS that requires mutual TLS and
/// enforces the AUP itself (the simulator). Internal programs retry as they like; DRRS never refuses them.
/// </summary>
public sealed class InFrontOfCaisoTests : IAsyncLifetime
{
    private const string Operation = "retrieveDRLocations_v1";

    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly CertificateFiles _files = new();
    private readonly Dictionary<string, X509Certificate2> _certificates = [];
    private SimulatorProcess _drrs = null!;
    private GatewayProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        var (serverCertificate, serverKey) = _files.Pem(_ca.IssueServer());
        var caBundle = _ca.WritePemFile(_files.Directory);
        _drrs = await SimulatorProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["Simulator__Aup__Enabled"] = "true",
                // DRRS's window and the gateway's agree, as they must for pacing. 3 s, not 1: the test of a
                // program calling DRRS outside the gateway needs the gateway's call (a fresh mutual-TLS
                // connection) inside DRRS's window, and on a loaded CI machine that took over a second.
                ["Simulator__Aup__WindowSeconds"] = "3",
                ["Simulator__Tls__CertificatePath"] = serverCertificate,
                ["Simulator__Tls__KeyPath"] = serverKey,
                ["Simulator__Tls__ClientCaPath"] = caBundle,
                ["Simulator__Tls__RequireClientCertificate"] = "true",
            },
            https: true);

        var environment = new Dictionary<string, string>
        {
            ["Aup__Mode"] = "Hold",
            ["Aup__WindowSeconds"] = "3",
            ["Aup__Hold__MarginMilliseconds"] = "300",

            // Several programs of one CAISO user may wait at once.
            ["Aup__Hold__MaxQueuedPerKey"] = "3",
        };
        foreach (var user in new[] { "alice", "bob" })
        {
            _certificates[user] = _ca.IssueClient("CN=" + user);
            var (certificate, key) = _files.Pem(_certificates[user]);
            environment[$"ReverseProxy__Routes__{user}__ClusterId"] = "caiso-" + user;
            environment[$"ReverseProxy__Routes__{user}__Match__Path"] = $"/{user}/{{**rest}}";
            environment[$"ReverseProxy__Routes__{user}__Transforms__0__PathRemovePrefix"] = "/" + user;
            environment[$"ReverseProxy__Routes__{user}__Metadata__AupIdentity"] = "ClusterCertificate";
            environment[$"ReverseProxy__Clusters__caiso-{user}__Destinations__primary__Address"] = _drrs.HttpsAddress!.ToString();
            environment[$"ReverseProxy__Clusters__caiso-{user}__Metadata__ClientCertificate"] = certificate;
            environment[$"ReverseProxy__Clusters__caiso-{user}__Metadata__ClientCertificateKey"] = key;
            environment[$"ReverseProxy__Clusters__caiso-{user}__Metadata__BackendCaBundle"] = caBundle;
        }

        _gateway = await GatewayProcess.StartAsync(environment);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _drrs.DisposeAsync();
        _files.Dispose();
        _ca.Dispose();
    }

    [Fact]
    public async Task RetryingPrograms_ThroughTheirUsersRoutes_EveryCallAnsweredNoneRefusedByDrrs()
    {
        using var client = new HttpClient { BaseAddress = _gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // Two programs of alice's and one of bob's, all calling at once and naming no user themselves.
        var calls = new[] { "alice", "alice", "alice", "bob" }.Select(user => client.SendAsync(Call(user))).ToList();
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal((3, 0), await _drrs.CallsOfAsync("alice"));
        Assert.Equal((1, 0), await _drrs.CallsOfAsync("bob"));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ProgramOutsideTheGateway_CalledDrrsFirst_ItsRefusalIsAbsorbedAndTheCallAnswered()
    {
        using var client = new HttpClient { BaseAddress = _gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using (var handler = new HttpClientHandler())
        {
            // Another program with bob's certificate, calling DRRS without the gateway.
            handler.ClientCertificates.Add(_certificates["bob"]);
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && IssuedByTheCa(certificate);
            using var outside = new HttpClient(handler) { BaseAddress = _drrs.HttpsAddress };
            using var direct = await outside.SendAsync(Call("bob", prefixed: false));
            Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        }

        using var response = await client.SendAsync(Call("bob"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 1), await _drrs.CallsOfAsync("bob"));
        await GatewayRequests.EventuallyAsync(
            () => Task.FromResult(_gateway.Output.Any(line => line.Contains("\"Decision\":\"BackendRefused\"", StringComparison.Ordinal) && line.Contains("\"User\":\"bob\"", StringComparison.Ordinal))),
            "the absorbed refusal logged for bob");
    }

    [Theory]
    [InlineData(Peers.PeerClients.Zeep)]
    [InlineData(Peers.PeerClients.NodeSoap)]
    public async Task SoapClient_BuiltThroughAUsersRoute_BothCallsHeldAndAnswered(string stack)
    {
        var accessPoint = AccessPoint(Operation)["/sst/drrs/".Length..];

        // The client names itself as it likes: the route's certificate is the user.
        var report = await Peers.PeerClients.CallAccessPointsAsync(stack, new Uri(_gateway.BaseAddress, "/alice"), "some-program", accessPoint, accessPoint);

        Assert.True(report.Built, report.Transcript);
        Assert.All(report.Calls, call => Assert.Equal("locations", call.Result));
        Assert.Equal((2, 0), await _drrs.CallsOfAsync("alice"));
    }

    private bool IssuedByTheCa(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static HttpRequestMessage Call(string user, bool prefixed = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, (prefixed ? "/" + user : "") + AccessPoint(Operation))
        {
            Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Envelope(RetrieveBody, user))),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml");
        request.Headers.TryAddWithoutValidation("SOAPAction", Action(Operation));
        return request;
    }
}
