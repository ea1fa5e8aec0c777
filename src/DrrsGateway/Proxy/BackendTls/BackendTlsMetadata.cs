namespace DrrsGateway.Proxy.BackendTls;

/// <summary>
/// The cluster metadata keys (<c>ReverseProxy:Clusters:&lt;id&gt;:Metadata:&lt;key&gt;</c>) that configure TLS
/// toward the cluster's destinations, and their reading into <see cref="BackendTlsSettings"/>.
/// </summary>
internal static class BackendTlsMetadata
{
    /// <summary>Path of the client certificate: PEM when the file contains <c>-----BEGIN</c>, else PFX.</summary>
    public const string ClientCertificate = "ClientCertificate";

    /// <summary>Path of the certificate's PEM private key; absent for a PFX or when the PEM file holds the key.</summary>
    public const string ClientCertificateKey = "ClientCertificateKey";

    /// <summary>The PFX password or the encrypted PEM key's password; <c>file:/path</c> reads it from a file.</summary>
    public const string ClientCertificatePassword = "ClientCertificatePassword";

    /// <summary>Path of PEM CA certificates trusted for the destinations' certificates instead of the system store.</summary>
    public const string BackendCaBundle = "BackendCaBundle";

    /// <summary>
    /// The settings in <paramref name="metadata"/>, or null when it sets none of them (the cluster is left as
    /// YARP makes it); a problem when they contradict each other.
    /// </summary>
    public static BackendTlsSettings? Read(IReadOnlyDictionary<string, string>? metadata, out string? problem)
    {
        problem = null;
        var settings = new BackendTlsSettings(
            Value(metadata, ClientCertificate),
            Value(metadata, ClientCertificateKey),
            Value(metadata, ClientCertificatePassword),
            Value(metadata, BackendCaBundle));
        if (settings == new BackendTlsSettings(null, null, null, null))
        {
            return null;
        }

        if (settings.ClientCertificate is null && (settings.ClientCertificateKey ?? settings.ClientCertificatePassword) is not null)
        {
            var orphan = settings.ClientCertificateKey is not null ? ClientCertificateKey : ClientCertificatePassword;
            problem = $"{orphan} is set but {ClientCertificate} is not: it belongs to a client certificate";
        }

        return settings;
    }

    // Metadata keys are case-sensitive in YARP's dictionaries; operators' environment variables may not be.
    private static string? Value(IReadOnlyDictionary<string, string>? metadata, string key)
    {
        if (metadata is null)
        {
            return null;
        }

        foreach (var (name, value) in metadata)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return string.IsNullOrWhiteSpace(value) ? null : value;
            }
        }

        return null;
    }
}
