namespace DrrsGateway.Proxy.BackendTls;

/// <summary>
/// A cluster's TLS settings toward its destinations, read from the cluster's YARP metadata (names in
/// <see cref="BackendTlsMetadata"/>). Compared by value: a changed setting means a new HTTP client.
/// </summary>
/// <param name="ClientCertificate">Path of the PEM certificate or PFX presented to the backend, or null.</param>
/// <param name="ClientCertificateKey">Path of the PEM private key; null for a PFX or a key inside the PEM file.</param>
/// <param name="ClientCertificatePassword">The PFX or encrypted-key password, or <c>file:</c> and the path of a file holding it.</param>
/// <param name="BackendCaBundle">Path of the PEM CAs trusted for the backend's certificate instead of the system's, or null.</param>
internal sealed record BackendTlsSettings(
    string? ClientCertificate,
    string? ClientCertificateKey,
    string? ClientCertificatePassword,
    string? BackendCaBundle);
