namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>Runs the client scripts of tests/peers against the gateway as separate processes.</summary>
internal static class PeerClients
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task> ZeepInstalled = new(RequireZeepAsync);
    private static readonly Lazy<Task> NodeSoapInstalled = new(InstallNodeSoapAsync);

    /// <summary>zeep from Debian's python3-zeep.</summary>
    public static async Task<PeerClientReport> ZeepAsync(Uri gateway, string user, params string[] operations)
    {
        await ZeepInstalled.Value;
        return PeerClientReport.Parse(await PeerProcess.RunAsync(PeerTools.Python, [PeerTools.ZeepScript, gateway.ToString(), user, .. operations], Timeout));
    }

    /// <summary>node-soap, pinned in tests/peers/node.</summary>
    public static async Task<PeerClientReport> NodeSoapAsync(Uri gateway, string user, params string[] operations)
    {
        await NodeSoapInstalled.Value;
        return PeerClientReport.Parse(await PeerProcess.RunAsync(PeerTools.Node, [PeerTools.NodeScript, gateway.ToString(), user, .. operations], Timeout));
    }

    /// <summary>CI runs npm ci in .ci/run; a developer's first run does it here, from the committed lock file.</summary>
    private static async Task InstallNodeSoapAsync()
    {
        if (PeerTools.NodeSoapInstalled)
        {
            return;
        }

        var install = await PeerProcess.RunAsync(PeerTools.Npm, ["ci", "--prefix", PeerTools.NodeDirectory, "--no-audit", "--no-fund"], TimeSpan.FromMinutes(3));
        if (install.ExitCode != 0 || !PeerTools.NodeSoapInstalled)
        {
            throw PeerTools.Missing($"node-soap (npm ci in {PeerTools.NodeDirectory} failed: {install.Error.Trim()})");
        }
    }

    private static async Task RequireZeepAsync()
    {
        var check = await PeerProcess.RunAsync(PeerTools.Python, ["-c", "import zeep"], Timeout);
        if (check.ExitCode != 0)
        {
            throw PeerTools.Missing($"python3-zeep ({PeerTools.Python} cannot import zeep: {check.Error.Trim()})");
        }
    }
}
