using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using DrrsGateway.ContainerTests.Infrastructure;

namespace DrrsGateway.ContainerTests.Compose;

/// <summary>
/// A compose network the way Docker builds one: a Linux bridge holding the subnet's first address (the
/// host's side, which is also the peer address published ports arrive from), and one network namespace per
/// service, joined to the bridge by a veth pair and given the next address.
/// </summary>
internal sealed class BridgeNetwork : IAsyncDisposable
{
    private static readonly TimeSpan IpTimeout = TimeSpan.FromSeconds(20);

    private readonly string _id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3]);
    private readonly List<string> _namespaces = [];
    private readonly byte[] _prefix;
    private bool _bridgeCreated;

    private BridgeNetwork(string subnet)
    {
        Subnet = subnet;
        _prefix = IPAddress.Parse(subnet.Split('/')[0]).GetAddressBytes();
    }

    public string Subnet { get; }

    /// <summary>The host's address on the bridge: Docker's bridge gateway.</summary>
    public IPAddress Gateway => Address(1);

    private string BridgeName => $"drrsbr{_id}";

    /// <summary>
    /// A /24 in 10.0.0.0/8 that no interface of this machine uses, so the pinned subnet of the compose file
    /// can be moved there (as DRRS_SUBNET is documented to do) without colliding with the host.
    /// </summary>
    public static string FreeSubnet()
    {
        var used = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Where(address => address.Address.AddressFamily == AddressFamily.InterNetwork)
            .Select(address => address.Address.GetAddressBytes())
            .Where(bytes => bytes[0] == 10)
            .Select(bytes => (bytes[1], bytes[2]))
            .ToHashSet();
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var candidate = ((byte)Random.Shared.Next(200, 250), (byte)Random.Shared.Next(0, 256));
            if (!used.Contains(candidate))
            {
                return $"10.{candidate.Item1}.{candidate.Item2}.0/24";
            }
        }

        throw new InvalidOperationException("No free /24 in 10.200.0.0–10.249.255.0 on this machine.");
    }

    public static async Task<BridgeNetwork> CreateAsync(string subnet)
    {
        if (!subnet.EndsWith("/24", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The lab network expects a /24, not {subnet}.", nameof(subnet));
        }

        var network = new BridgeNetwork(subnet);
        await IpAsync("link", "add", network.BridgeName, "type", "bridge");
        network._bridgeCreated = true;
        await IpAsync("addr", "add", $"{network.Gateway}/24", "dev", network.BridgeName);
        await IpAsync("link", "set", network.BridgeName, "up");
        return network;
    }

    /// <summary>Gives the next service a namespace and an address; returns both.</summary>
    public async Task<(string Namespace, IPAddress Address)> AttachAsync()
    {
        var index = _namespaces.Count + 2;
        var name = $"drrs-{_id}-{index}";
        var hostSide = $"drrsv{_id}{index}";
        var address = Address(index);
        await IpAsync("netns", "add", name);
        _namespaces.Add(name);
        await IpAsync("link", "add", hostSide, "type", "veth", "peer", "name", "eth0", "netns", name);
        await IpAsync("link", "set", hostSide, "master", BridgeName, "up");
        await IpAsync("-n", name, "addr", "add", $"{address}/24", "dev", "eth0");
        await IpAsync("-n", name, "link", "set", "eth0", "up");
        await IpAsync("-n", name, "link", "set", "lo", "up");
        await IpAsync("-n", name, "route", "add", "default", "via", Gateway.ToString());
        return (name, address);
    }

    public async ValueTask DisposeAsync()
    {
        // Deleting a namespace deletes its end of the veth pair, and with it the host's end.
        foreach (var name in _namespaces)
        {
            await Command.RunAsync("ip", ["netns", "delete", name], IpTimeout);
        }

        if (_bridgeCreated)
        {
            await Command.RunAsync("ip", ["link", "delete", BridgeName], IpTimeout);
        }
    }

    private IPAddress Address(int host) => new([_prefix[0], _prefix[1], _prefix[2], (byte)host]);

    private static async Task IpAsync(params string[] arguments) =>
        (await Command.RunAsync("ip", arguments, IpTimeout)).EnsureSuccess();
}
