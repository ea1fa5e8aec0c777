namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>
/// Client certificates as a source of identity, bound from <c>Aup:Identity:ClientCertificate</c>:
/// presented to Kestrel over TLS, or forwarded in a header by a trusted TLS-terminating proxy.
/// </summary>
public sealed class AupClientCertificateOptions
{
    /// <summary>
    /// Whether Kestrel's HTTPS endpoints ask for a client certificate. Read at start-up. The default is
    /// <see cref="ClientCertificateMode.None"/>.
    /// </summary>
    public ClientCertificateMode Mode { get; set; } = ClientCertificateMode.None;

    /// <summary>
    /// PEM file of the CA certificates that client certificates must chain to; required when
    /// <see cref="Mode"/> is not None or <see cref="ForwardedHeader"/> is set. The default is none.
    /// </summary>
    public string? TrustedCaPath { get; set; }

    /// <summary>Whether the chain's revocation status is checked online. The default is <c>true</c>.</summary>
    public bool CheckRevocation { get; set; } = true;

    /// <summary>
    /// Header in which a trusted proxy forwards the client's certificate (PEM, URL-encoded PEM or base64
    /// DER), for example <c>X-Client-Cert</c>. Read at start-up. The default is none: forwarding is off.
    /// </summary>
    public string? ForwardedHeader { get; set; }
}
