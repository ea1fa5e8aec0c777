namespace DrrsGateway.Proxy.BackendTls;

/// <summary>What one cluster's HTTP client needs for TLS: the certificate to present and the check of the backend's.</summary>
/// <param name="ClientCertificate">The renewing client certificate, or null when the cluster presents none.</param>
/// <param name="ServerCertificateCheck">Judges the destinations' certificates.</param>
internal sealed record BackendTls(ClientCertificateHolder? ClientCertificate, BackendCertificateCheck ServerCertificateCheck);
