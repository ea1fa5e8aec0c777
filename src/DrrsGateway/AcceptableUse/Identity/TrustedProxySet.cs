using System.Net;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>The peers whose identity header the gateway believes: exact addresses and CIDR ranges.</summary>
internal sealed class TrustedProxySet
{
    /// <summary>Loopback only, used when no proxies are configured.</summary>
    public static readonly TrustedProxySet LoopbackOnly = new([
        new IPNetwork(IPAddress.Loopback, 32),
        new IPNetwork(IPAddress.IPv6Loopback, 128),
    ]);

    private readonly IPNetwork[] _networks;

    private TrustedProxySet(IPNetwork[] networks) => _networks = networks;

    /// <summary>
    /// Parses entries such as <c>10.0.0.7</c>, <c>10.0.0.0/8</c> or <c>::1</c>; an entry may hold several
    /// comma-separated values. An empty list means <see cref="LoopbackOnly"/>.
    /// </summary>
    public static bool TryParse(IEnumerable<string> entries, out TrustedProxySet set, out string? invalidEntry)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            foreach (var part in entry.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!TryParseOne(part, out var network))
                {
                    set = LoopbackOnly;
                    invalidEntry = part;
                    return false;
                }

                networks.Add(network);
            }
        }

        set = networks.Count == 0 ? LoopbackOnly : new TrustedProxySet([.. networks]);
        invalidEntry = null;
        return true;
    }

    /// <summary>Whether a connection from <paramref name="remote"/> may vouch for a user.</summary>
    public bool Contains(IPAddress? remote)
    {
        if (remote is null)
        {
            return false;
        }

        // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; compare them as the IPv4 they are.
        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        foreach (var network in _networks)
        {
            if (network.Contains(remote))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseOne(string text, out IPNetwork network)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            // "10.0.0.1/8" is refused rather than widened to 10.0.0.0/8: a typo must not trust a whole range.
            return IPNetwork.TryParse(text, out network)
                && IPAddress.TryParse(text.AsSpan(0, slash), out var written)
                && written.Equals(network.BaseAddress);
        }

        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        network = default;
        return false;
    }
}
