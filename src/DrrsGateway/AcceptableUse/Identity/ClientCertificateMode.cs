namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>Whether Kestrel's HTTPS endpoints ask callers for a client certificate.</summary>
public enum ClientCertificateMode
{
    /// <summary>No certificate is asked for. The default.</summary>
    None,

    /// <summary>A certificate is asked for; callers without one may still be identified otherwise.</summary>
    Allow,

    /// <summary>The TLS handshake fails without a certificate.</summary>
    Require,
}
