namespace DrrsGateway.AcceptableUse.Identity;

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

    /// <summary>Longest accepted user identity, in characters. The default is 256.</summary>
    public int MaxLength { get; set; } = 256;

    /// <summary>
    /// The identity sources to try, first match wins; entries may also be comma-separated. The default
    /// (empty) is <c>Certificate, TrustedHeader, Principal</c>.
    /// </summary>
    public IList<string> Sources { get; set; } = [];

    /// <summary>Which part of a client certificate names the user. The default is <see cref="CertificateUserField.CommonName"/>.</summary>
    public CertificateUserField CertificateUser { get; set; } = CertificateUserField.CommonName;

    /// <summary>Client certificates presented over TLS or forwarded by a trusted proxy.</summary>
    public AupClientCertificateOptions ClientCertificate { get; set; } = new();
}
