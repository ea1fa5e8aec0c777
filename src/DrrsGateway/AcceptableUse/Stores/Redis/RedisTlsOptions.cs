namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// TLS to Redis, bound from <c>Redis:Tls</c>: the CA that signs the Redis server's certificate and the
/// client certificate Redis asks for (<c>tls-auth-clients yes</c>). Read at start-up.
/// </summary>
public sealed class RedisTlsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Redis:Tls";

    /// <summary>
    /// Whether the connection to Redis uses TLS. It is also on when the connection string says
    /// <c>ssl=true</c> or when a CA or client certificate is set. The default is <c>false</c>.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// PEM file of the CA certificates the Redis server's certificate must chain to; only these are trusted,
    /// not the system's. The default is none: the system trust store decides.
    /// </summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>PEM file of the client certificate presented to Redis. The default is none.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>
    /// PEM file of the client certificate's private key (unencrypted PKCS#8, PKCS#1 or SEC1). The default is
    /// none: the key is read from <see cref="ClientCertificatePath"/>.
    /// </summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>Whether these settings turn TLS on by themselves.</summary>
    internal bool RequestsTls =>
        Enabled || !string.IsNullOrWhiteSpace(CaCertificatePath) || !string.IsNullOrWhiteSpace(ClientCertificatePath);
}
