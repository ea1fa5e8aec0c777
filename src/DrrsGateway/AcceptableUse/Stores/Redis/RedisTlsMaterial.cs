using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.AcceptableUse.Identity;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>Loads the files <see cref="RedisTlsOptions"/> names; the validator and the connection share it.</summary>
internal static class RedisTlsMaterial
{
    /// <summary>The CA certificates of <paramref name="path"/>, or a problem that completes "'path' …".</summary>
    public static bool TryLoadCa(string path, out X509Certificate2Collection anchors, out string? problem)
    {
        if (!File.Exists(path))
        {
            anchors = [];
            problem = "does not exist";
            return false;
        }

        return CaBundle.TryLoad(path, out anchors, out problem);
    }

    /// <summary>
    /// The client certificate with its private key, or a problem naming the setting at fault.
    /// </summary>
    public static bool TryLoadClientCertificate(string certificatePath, string? keyPath, out X509Certificate2? certificate, out string? problem)
    {
        certificate = null;
        if (!File.Exists(certificatePath))
        {
            problem = $"Redis:Tls:ClientCertificatePath '{certificatePath}' does not exist.";
            return false;
        }

        if (keyPath is not null && !File.Exists(keyPath))
        {
            problem = $"Redis:Tls:ClientKeyPath '{keyPath}' does not exist.";
            return false;
        }

        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(certificatePath);
            if (certificates.Count == 0)
            {
                problem = $"Redis:Tls:ClientCertificatePath '{certificatePath}' holds no PEM certificate.";
                return false;
            }

            if (keyPath is null && !File.ReadAllText(certificatePath).Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            {
                problem = $"Redis:Tls:ClientCertificatePath '{certificatePath}' holds no private key: set Redis:Tls:ClientKeyPath to the PEM file of its key.";
                return false;
            }

            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);

            // A PKCS#12 round trip gives a certificate whose key every TLS stack can use (Windows needs it).
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
            problem = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            problem = keyPath is null
                ? $"Redis:Tls:ClientCertificatePath '{certificatePath}' cannot be read as a PEM certificate with its private key ({e.Message})."
                : $"Redis:Tls:ClientCertificatePath '{certificatePath}' and Redis:Tls:ClientKeyPath '{keyPath}' cannot be read as a PEM certificate and its matching private key ({e.Message}).";
            return false;
        }
    }
}
