namespace DrrsGateway.AcceptableUse;

/// <summary>
/// How the gateway learns which user sent a request, bound from <c>Aup:Identity</c>.
/// </summary>
public sealed class AupIdentityOptions
{
    /// <summary>
    /// Name of a header carrying the user's identity, set by a trusted TLS-terminating hop
    /// (for example <c>X-Drrs-User</c>). The default is none: the header source is off.
    /// </summary>
    public string? TrustedHeader { get; set; }

    /// <summary>
    /// Addresses or CIDR ranges whose <see cref="TrustedHeader"/> is believed; entries may also be
    /// comma-separated. The default (empty) is loopback only: <c>127.0.0.1</c> and <c>::1</c>.
    /// </summary>
    public IList<string> TrustedProxies { get; set; } = [];

    /// <summary>The parsed <see cref="TrustedProxies"/>; null when they do not parse (validation then fails).</summary>
    internal Identity.TrustedProxySet? ParsedTrustedProxies { get; set; }

    /// <summary>Longest accepted user identity, in characters. The default is 256.</summary>
    public int MaxLength { get; set; } = 256;
}
