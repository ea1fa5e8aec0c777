using System.Globalization;
using DrrsGateway.IntegrationTests.Clients;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// The simulator and the published gateway in front of it, real processes configured only by environment
/// variables, and the CAISO client of tests/peers/java/caiso compiled against what wsimport generated from the
/// WSDLs the gateway serves: shared by a test class, as the processes and the JAX-WS tools cost seconds.
/// </summary>
public sealed class WsimportGatewayFixture : IAsyncLifetime
{
    public const string RetrieveLocations = "RetrieveDRLocations_DRRSv1_AP";
    public const string RetrieveDrrsLocations = "RetrieveDRRSLocations_DRRSv1_AP";
    public const string SubmitLocations = "SubmitDRLocations_DRRSv1_AP";
    public const string SubmitLocationsDocAttach = "SubmitDRLocations_DRRSv1_DocAttach_AP";

    private const string ClientClass = "caiso.CaisoAccessPointClient";

    /// <summary>The access points the client has call sites for; wsimport runs on each one's WSDL.</summary>
    private static readonly string[] AccessPoints = [RetrieveLocations, RetrieveDrrsLocations, SubmitLocations, SubmitLocationsDocAttach];

    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    private SimulatorProcess? _simulator;
    private GatewayProcess? _gateway;
    private HttpClient? _simulatorClient;
    private string? _directory;

    private GatewayProcess Gateway => _gateway ?? throw new InvalidOperationException("The fixture has not started.");

    private string Classes => Path.Combine(_directory ?? throw new InvalidOperationException("The fixture has not started."), "classes");

    /// <summary>What both processes wrote, for failure messages.</summary>
    public string Output => string.Join(
        Environment.NewLine,
        ["--- gateway ---", .. _gateway?.Output ?? [], "--- simulator ---", .. _simulator?.Output ?? []]);

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch (Exception e)
        {
            var output = Output;
            await DisposeAsync();
            throw new InvalidOperationException($"The wsimport client, gateway or simulator did not start: {e.Message}{Environment.NewLine}{output}", e);
        }
    }

    /// <summary>
    /// Runs the client as <paramref name="user"/>, one call per access point named, in order, in one JVM (one
    /// port per access point, reused as a real client would).
    /// </summary>
    internal async Task<IReadOnlyList<CaisoClientCall>> CallAsync(string user, params string[] accessPoints)
    {
        string[] arguments =
        [
            "-cp", Classes + Path.PathSeparator + JavaClasspaths.JaxwsRuntime, ClientClass,
            Gateway.BaseAddress.ToString(), PeerRequests.UserHeader, user, .. accessPoints,
        ];
        return CaisoClientCall.Parse(await ExternalCommand.RunAsync(PeerTools.Java, arguments, ClientTimeout));
    }

    /// <summary>How many operation calls have reached the simulator: its health endpoint reports the count without raising it.</summary>
    public async Task<long> SimulatorCallsAsync()
    {
        using var response = await (_simulatorClient ?? throw new InvalidOperationException("The fixture has not started.")).GetAsync(new Uri("/healthz", UriKind.Relative));
        return long.Parse(response.EnsureSuccessStatusCode().Headers.GetValues(SimulatorProcess.RequestNumberHeader).Single(), CultureInfo.InvariantCulture);
    }

    /// <summary>Stops everything that started; safe to call twice.</summary>
    public async Task DisposeAsync()
    {
        _simulatorClient?.Dispose();
        var (gateway, simulator, directory) = (_gateway, _simulator, _directory);
        (_gateway, _simulator, _directory, _simulatorClient) = (null, null, null, null);
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        if (simulator is not null)
        {
            await simulator.DisposeAsync();
        }

        if (directory is not null)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The package the client imports an access point's generated classes from, e.g. <c>caiso.submitdrlocations_docattach</c>.</summary>
    private static string PackageOf(string accessPoint) =>
        "caiso." + accessPoint.Replace("_DRRSv1", string.Empty, StringComparison.Ordinal).Replace("_AP", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private async Task StartAsync()
    {
        _simulator = await SimulatorProcess.StartAsync();
        _simulatorClient = new HttpClient { BaseAddress = _simulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // Aup:WindowSeconds keeps its default, CAISO's 30 s, which the refusal's text names.
        _gateway = await GatewayProcess.StartAsync(new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = _simulator.BaseAddress.ToString(),
            ["Aup__Identity__TrustedHeader"] = PeerRequests.UserHeader,
        });

        // The WSDLs come through the gateway, without an identity: metadata reads are neither keyed nor counted.
        _directory = Directory.CreateTempSubdirectory("drrs-wsimport-").FullName;
        var sources = Path.Combine(_directory, "src");
        var generated = new List<string>();
        foreach (var accessPoint in AccessPoints)
        {
            generated.AddRange(await JavaBuild.ImportAsync(sources, PackageOf(accessPoint), new Uri(_gateway.BaseAddress, $"/sst/drrs/{accessPoint}?wsdl")));
        }

        Directory.CreateDirectory(Classes);
        await JavaBuild.CompileFilesAsync(Classes, JavaClasspaths.JaxwsRuntime, [.. generated, PeerTools.CaisoClientSource]);
    }
}
