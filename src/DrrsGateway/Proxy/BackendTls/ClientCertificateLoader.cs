using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DrrsGateway.Proxy.BackendTls;

/// <summary>
/// Reads a cluster's client certificate from its files and refuses one the backend could not accept: no
/// private key, outside its validity, or not meant for client authentication. Problems name the setting and
/// the file, never the password.
/// </summary>
internal static class ClientCertificateLoader
{
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private const string AnyExtendedKeyUsage = "2.5.29.37.0";
    private const string PemMarker = "-----BEGIN";

    /// <summary>The certificate with its private key, or a problem such as "ClientCertificate '/x.pem' has expired …".</summary>
    public static bool TryLoad(BackendTlsSettings settings, DateTimeOffset now, out X509Certificate2? certificate, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(settings);
        certificate = null;
        var path = settings.ClientCertificate ?? throw new ArgumentException("The settings name no client certificate.", nameof(settings));
        if (!TryRead(BackendTlsMetadata.ClientCertificate, path, out var bytes, out problem)
            || !TryPassword(settings.ClientCertificatePassword, out var password, out problem))
        {
            return false;
        }

        var loaded = IsPem(bytes)
            ? TryLoadPem(settings, bytes, password, out certificate, out problem)
            : TryLoadPfx(settings, bytes, password, out certificate, out problem);
        if (!loaded)
        {
            return false;
        }

        problem = Unusable(certificate!, now);
        if (problem is not null)
        {
            problem = $"{BackendTlsMetadata.ClientCertificate} '{path}' {problem}";
            certificate!.Dispose();
            certificate = null;
            return false;
        }

        return true;
    }

    /// <summary>The paths of every file the certificate is read from, to notice a change on disk.</summary>
    public static IEnumerable<string> Files(BackendTlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ClientCertificate is not null)
        {
            yield return settings.ClientCertificate;
        }

        if (settings.ClientCertificateKey is not null)
        {
            yield return settings.ClientCertificateKey;
        }

        if (PasswordFile(settings.ClientCertificatePassword) is { } passwordFile)
        {
            yield return passwordFile;
        }
    }

    private static bool TryLoadPem(BackendTlsSettings settings, byte[] certificateBytes, string? password, out X509Certificate2? certificate, out string? problem)
    {
        certificate = null;
        var certificatePem = System.Text.Encoding.ASCII.GetString(certificateBytes);
        var (keySetting, keyPath) = settings.ClientCertificateKey is { } key
            ? (BackendTlsMetadata.ClientCertificateKey, key)
            : (BackendTlsMetadata.ClientCertificate, settings.ClientCertificate!);
        string keyPem;
        if (settings.ClientCertificateKey is null)
        {
            keyPem = certificatePem;
        }
        else if (TryRead(keySetting, keyPath, out var keyBytes, out problem))
        {
            keyPem = System.Text.Encoding.ASCII.GetString(keyBytes);
        }
        else
        {
            return false;
        }

        if (!keyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            problem = settings.ClientCertificateKey is null
                ? $"{BackendTlsMetadata.ClientCertificate} '{keyPath}' holds no private key: set {BackendTlsMetadata.ClientCertificateKey} to the PEM file of its key"
                : $"{BackendTlsMetadata.ClientCertificateKey} '{keyPath}' holds no PEM private key";
            return false;
        }

        var encrypted = keyPem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
        if (encrypted && password is null)
        {
            problem = $"{keySetting} '{keyPath}' holds an encrypted private key: set {BackendTlsMetadata.ClientCertificatePassword}";
            return false;
        }

        try
        {
            using var pem = encrypted
                ? X509Certificate2.CreateFromEncryptedPem(certificatePem, keyPem, password)
                : X509Certificate2.CreateFromPem(certificatePem, keyPem);

            // A PKCS#12 round trip gives a certificate whose key every TLS stack can use.
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
            problem = null;
            return true;
        }
        catch (CryptographicException e) when (encrypted)
        {
            problem = $"{BackendTlsMetadata.ClientCertificatePassword} does not decrypt {keySetting} '{keyPath}', or the key is not the certificate's ({e.Message})";
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            problem = settings.ClientCertificateKey is null
                ? $"{BackendTlsMetadata.ClientCertificate} '{keyPath}' cannot be read as a PEM certificate with its private key ({e.Message})"
                : $"{BackendTlsMetadata.ClientCertificate} '{settings.ClientCertificate}' and {keySetting} '{keyPath}' cannot be read as a PEM certificate and its matching private key ({e.Message})";
        }

        return false;
    }

    private static bool TryLoadPfx(BackendTlsSettings settings, byte[] bytes, string? password, out X509Certificate2? certificate, out string? problem)
    {
        certificate = null;
        var path = settings.ClientCertificate!;
        if (settings.ClientCertificateKey is not null)
        {
            problem = $"{BackendTlsMetadata.ClientCertificateKey} is set but {BackendTlsMetadata.ClientCertificate} '{path}' is not PEM: a PFX carries its own key";
            return false;
        }

        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(bytes, password);
        }
        catch (CryptographicException e)
        {
            problem = $"{BackendTlsMetadata.ClientCertificate} '{path}' cannot be read as a PFX with {BackendTlsMetadata.ClientCertificatePassword} ({e.Message})";
            return false;
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            certificate = null;
            problem = $"{BackendTlsMetadata.ClientCertificate} '{path}' holds no private key";
            return false;
        }

        problem = null;
        return true;
    }

    // Null when the backend can be offered the certificate, else what completes "ClientCertificate 'path' …".
    private static string? Unusable(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (now < certificate.NotBefore.ToUniversalTime())
        {
            return $"({certificate.Subject}) is not valid before {Utc(certificate.NotBefore)}";
        }

        if (now > certificate.NotAfter.ToUniversalTime())
        {
            return $"({certificate.Subject}) has expired: it was valid until {Utc(certificate.NotAfter)}";
        }

        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault()?.EnhancedKeyUsages;
        if (usages is not null && !usages.Cast<Oid>().Any(u => u.Value is ClientAuthentication or AnyExtendedKeyUsage))
        {
            var listed = string.Join(", ", usages.Cast<Oid>().Select(u => u.FriendlyName ?? u.Value));
            return $"({certificate.Subject}) is not for client authentication: its extended key usages are {listed}";
        }

        return null;
    }

    private static string Utc(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static bool IsPem(byte[] bytes) => bytes.AsSpan().IndexOf(PemMarker.Select(c => (byte)c).ToArray()) >= 0;

    private static bool TryPassword(string? value, out string? password, out string? problem)
    {
        password = value;
        problem = null;
        if (PasswordFile(value) is not { } path)
        {
            return true;
        }

        if (!TryRead(BackendTlsMetadata.ClientCertificatePassword, path, out var bytes, out problem))
        {
            return false;
        }

        // Secret files usually end with a newline that is not part of the password.
        password = System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\r', '\n');
        return true;
    }

    private static string? PasswordFile(string? value) =>
        value is not null && value.StartsWith("file:", StringComparison.Ordinal) ? value["file:".Length..] : null;

    private static bool TryRead(string setting, string path, out byte[] bytes, out string? problem)
    {
        bytes = [];
        if (!File.Exists(path))
        {
            problem = $"{setting} '{path}' does not exist";
            return false;
        }

        try
        {
            bytes = File.ReadAllBytes(path);
            problem = bytes.Length == 0 ? $"{setting} '{path}' is empty" : null;
            return problem is null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"{setting} '{path}' cannot be read ({e.Message})";
            return false;
        }
    }
}
