namespace DrrsGateway.Simulator.Tls;

/// <summary>
/// HTTPS and mutual TLS (section <c>Simulator:Tls</c>), as CAISO's B2B front requires. Applies to the
/// <c>https://</c> addresses of <c>ASPNETCORE_URLS</c> or <c>--urls</c>; with no certificate set the simulator
/// speaks what those addresses say, as before.
/// </summary>
internal sealed class SimulatorTlsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Simulator:Tls";

    /// <summary>
    /// The server certificate: a PEM file when <see cref="KeyPath"/> is set, else a PFX (PKCS#12) file. The
    /// default is none.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The server certificate's PEM private key. The default is none: the certificate is a PFX.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of the PFX, or of an encrypted PEM key. The default is none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// A PEM bundle of the CA certificates client certificates must chain to; nothing else is trusted, not even
    /// the system store. The default is none: no client certificate is asked for.
    /// </summary>
    public string? ClientCaPath { get; set; }

    /// <summary>
    /// True to refuse a TLS handshake without a client certificate when <see cref="ClientCaPath"/> is set; false
    /// to accept one without (its user then comes from the header). The default is <c>true</c>, as at CAISO.
    /// </summary>
    public bool RequireClientCertificate { get; set; } = true;

    /// <summary>True when the simulator configures HTTPS itself.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>True when client certificates are asked for and checked.</summary>
    public bool ChecksClientCertificates => !string.IsNullOrWhiteSpace(ClientCaPath);
}
