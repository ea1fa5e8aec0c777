using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>Runs the client scripts of tests/peers against the gateway as separate processes.</summary>
internal static class PeerClients
{
    /// <summary>zeep from Debian's python3-zeep.</summary>
    public const string Zeep = "zeep";

    /// <summary>node-soap, pinned in tests/peers/node.</summary>
    public const string NodeSoap = "node-soap";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task> ZeepInstalled = new(RequireZeepAsync);
    private static readonly Lazy<Task> NodeSoapInstalled = new(InstallNodeSoapAsync);

    /// <summary>Calls <paramref name="operations"/> in order at the generic endpoint, the client built from its ?wsdl.</summary>
    public static Task<PeerClientReport> CallOperationsAsync(string client, Uri gateway, string user, params string[] operations) =>
        RunAsync(client, client == Zeep ? PeerTools.ZeepScript : PeerTools.NodeScript, gateway, user, operations);

    /// <summary>
    /// Calls the operation of each of <paramref name="accessPoints"/> (e.g. <c>RetrieveDRLocations_DRRSv1_AP</c>) in
    /// order, each access point's client built from its own ?wsdl.
    /// </summary>
    public static Task<PeerClientReport> CallAccessPointsAsync(string client, Uri gateway, string user, params string[] accessPoints) =>
        RunAsync(client, client == Zeep ? PeerTools.ZeepAccessPointScript : PeerTools.NodeAccessPointScript, gateway, user, accessPoints);

    private static async Task<PeerClientReport> RunAsync(string client, string script, Uri gateway, string user, string[] arguments)
    {
        var runtime = client switch
        {
            Zeep => PeerTools.Python,
            NodeSoap => PeerTools.Node,
            _ => throw new ArgumentOutOfRangeException(nameof(client), client, "Unknown peer client."),
        };
        await (client == Zeep ? ZeepInstalled : NodeSoapInstalled).Value;
        return PeerClientReport.Parse(await ExternalCommand.RunAsync(runtime, [script, gateway.ToString(), user, .. arguments], Timeout));
    }

    /// <summary>CI runs npm ci in .ci/run; a developer's first run does it here, from the committed lock file.</summary>
    private static async Task InstallNodeSoapAsync()
    {
        if (PeerTools.NodeSoapInstalled)
        {
            return;
        }

        var install = await ExternalCommand.RunAsync(PeerTools.Npm, ["ci", "--prefix", PeerTools.NodeDirectory, "--no-audit", "--no-fund"], TimeSpan.FromMinutes(3));
        if (install.ExitCode != 0 || !PeerTools.NodeSoapInstalled)
        {
            throw PeerTools.Missing($"node-soap (npm ci in {PeerTools.NodeDirectory} failed: {install.Error.Trim()})");
        }
    }

    private static async Task RequireZeepAsync()
    {
        var check = await ExternalCommand.RunAsync(PeerTools.Python, ["-c", "import zeep"], Timeout);
        if (check.ExitCode != 0)
        {
            throw PeerTools.Missing($"python3-zeep ({PeerTools.Python} cannot import zeep: {check.Error.Trim()})");
        }
    }
}
