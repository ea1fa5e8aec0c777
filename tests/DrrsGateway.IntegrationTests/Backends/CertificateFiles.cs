using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Backends;

/// <summary>A temporary folder of certificate files in the forms operators hand the gateway: PEM pair, PFX, encrypted PEM key.</summary>
public sealed class CertificateFiles : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("drrs-backend-tls-").FullName;

    /// <summary>The certificate and its unencrypted PKCS#8 key, two PEM files.</summary>
    public (string Certificate, string Key) Pem(X509Certificate2 certificate) => TestCertificateAuthority.WritePemFiles(certificate, Directory);

    /// <summary>A PKCS#12 file protected by <paramref name="password"/>.</summary>
    public string Pfx(X509Certificate2 certificate, string password)
    {
        var path = Path.Combine(Directory, $"{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    /// <summary>The certificate and its key as <c>ENCRYPTED PRIVATE KEY</c> under <paramref name="password"/>, two PEM files.</summary>
    public (string Certificate, string Key) EncryptedPem(X509Certificate2 certificate, string password)
    {
        var (certificatePath, keyPath) = Pem(certificate);
        using var key = certificate.GetECDsaPrivateKey()!;
        var parameters = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000);
        File.WriteAllText(keyPath, key.ExportEncryptedPkcs8PrivateKeyPem(password, parameters));
        return (certificatePath, keyPath);
    }

    /// <summary>A file with <paramref name="text"/>.</summary>
    public string Write(string text)
    {
        var path = Path.Combine(Directory, $"{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
