using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.Proxy.BackendTls;
using DrrsGateway.TestSupport;

namespace DrrsGateway.UnitTests.Proxy.BackendTls;

public sealed class ClientCertificateLoaderTests : IDisposable
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("drrs-loader-").FullName;

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void TryLoad_PemCertificateAndKey_LoadsWithPrivateKey()
    {
        var (certificate, key) = Pem(_ca.IssueClient("CN=alice"));

        Assert.True(ClientCertificateLoader.TryLoad(new(certificate, key, null, null), DateTimeOffset.UtcNow, out var loaded, out var problem), problem);

        Assert.Equal("CN=alice", loaded!.Subject);
        Assert.True(loaded.HasPrivateKey);
    }

    [Fact]
    public void TryLoad_KeyInsideThePemFile_Loads()
    {
        var (certificate, key) = Pem(_ca.IssueClient("CN=alice"));
        File.AppendAllText(certificate, Environment.NewLine + File.ReadAllText(key));

        Assert.True(ClientCertificateLoader.TryLoad(new(certificate, null, null, null), DateTimeOffset.UtcNow, out _, out var problem), problem);
    }

    [Fact]
    public void TryLoad_PemWithoutKey_SaysToSetTheKey()
    {
        var (certificate, _) = Pem(_ca.IssueClient("CN=alice"));

        var problem = Problem(new(certificate, null, null, null));

        Assert.Contains($"ClientCertificate '{certificate}' holds no private key: set ClientCertificateKey", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_MissingFile_NamesSettingAndFile()
    {
        var missing = Path.Combine(_directory, "missing.pem");

        Assert.Equal($"ClientCertificate '{missing}' does not exist", Problem(new(missing, null, null, null)));
    }

    [Fact]
    public void TryLoad_MissingKeyFile_NamesTheKeySetting()
    {
        var (certificate, _) = Pem(_ca.IssueClient("CN=alice"));
        var missing = Path.Combine(_directory, "missing.key");

        Assert.Equal($"ClientCertificateKey '{missing}' does not exist", Problem(new(certificate, missing, null, null)));
    }

    [Fact]
    public void TryLoad_KeyOfAnotherCertificate_NamesBothFiles()
    {
        var (certificate, _) = Pem(_ca.IssueClient("CN=alice"));
        var (_, otherKey) = Pem(_ca.IssueClient("CN=bob"));

        var problem = Problem(new(certificate, otherKey, null, null));

        Assert.Contains($"ClientCertificateKey '{otherKey}'", problem, StringComparison.Ordinal);
        Assert.Contains("matching private key", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_Expired_SaysWhen()
    {
        var (certificate, key) = Pem(_ca.IssueClient("CN=alice", notAfter: DateTimeOffset.UtcNow.AddHours(-1)));

        Assert.StartsWith($"ClientCertificate '{certificate}' (CN=alice) has expired", Problem(new(certificate, key, null, null)), StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_NotYetValid_SaysFromWhen()
    {
        var (certificate, key) = Pem(_ca.IssueClient("CN=alice"));

        var problem = Problem(new(certificate, key, null, null), DateTimeOffset.UtcNow.AddDays(-2));

        Assert.Contains("is not valid before", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_ServerOnlyCertificate_SaysItIsNotForClientAuthentication()
    {
        var (certificate, key) = Pem(_ca.IssueServer());

        var problem = Problem(new(certificate, key, null, null));

        Assert.Contains("is not for client authentication", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_PfxWithPassword_Loads()
    {
        var pfx = Pfx(_ca.IssueClient("CN=alice"), "secret");

        Assert.True(ClientCertificateLoader.TryLoad(new(pfx, null, "secret", null), DateTimeOffset.UtcNow, out var loaded, out var problem), problem);
        Assert.True(loaded!.HasPrivateKey);
    }

    [Fact]
    public void TryLoad_PfxWrongPassword_NamesThePasswordSettingNotItsValue()
    {
        var pfx = Pfx(_ca.IssueClient("CN=alice"), "secret");

        var problem = Problem(new(pfx, null, "wrong-guess", null));

        Assert.Contains($"ClientCertificate '{pfx}' cannot be read as a PFX with ClientCertificatePassword", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-guess", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_PfxWithoutPrivateKey_SaysSo()
    {
        using var issued = _ca.IssueClient("CN=alice");
        using var publicOnly = X509CertificateLoader.LoadCertificate(issued.RawData);
        var pfx = Path.Combine(_directory, "public.pfx");
        File.WriteAllBytes(pfx, publicOnly.Export(X509ContentType.Pkcs12, "secret"));

        Assert.Equal($"ClientCertificate '{pfx}' holds no private key", Problem(new(pfx, null, "secret", null)));
    }

    [Fact]
    public void TryLoad_EncryptedKeyWithPasswordFile_Loads()
    {
        var (certificate, key) = EncryptedPem(_ca.IssueClient("CN=alice"), "secret");
        var passwordFile = Path.Combine(_directory, "password");
        File.WriteAllText(passwordFile, "secret\n");

        Assert.True(ClientCertificateLoader.TryLoad(new(certificate, key, "file:" + passwordFile, null), DateTimeOffset.UtcNow, out _, out var problem), problem);
    }

    [Fact]
    public void TryLoad_EncryptedKeyWithoutPassword_SaysToSetIt()
    {
        var (certificate, key) = EncryptedPem(_ca.IssueClient("CN=alice"), "secret");

        Assert.Equal($"ClientCertificateKey '{key}' holds an encrypted private key: set ClientCertificatePassword", Problem(new(certificate, key, null, null)));
    }

    [Fact]
    public void TryLoad_EncryptedKeyWrongPassword_NamesThePasswordSetting()
    {
        var (certificate, key) = EncryptedPem(_ca.IssueClient("CN=alice"), "secret");

        var problem = Problem(new(certificate, key, "not-it", null));

        Assert.StartsWith($"ClientCertificatePassword does not decrypt ClientCertificateKey '{key}'", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("not-it", problem, StringComparison.Ordinal);
    }

    private static string? Problem(BackendTlsSettings settings, DateTimeOffset? now = null)
    {
        Assert.False(ClientCertificateLoader.TryLoad(settings, now ?? DateTimeOffset.UtcNow, out var certificate, out var problem));
        Assert.Null(certificate);
        return problem;
    }

    private (string Certificate, string Key) Pem(X509Certificate2 certificate) => TestCertificateAuthority.WritePemFiles(certificate, _directory);

    private (string Certificate, string Key) EncryptedPem(X509Certificate2 certificate, string password)
    {
        var (certificatePath, keyPath) = Pem(certificate);
        using var key = certificate.GetECDsaPrivateKey()!;
        File.WriteAllText(keyPath, key.ExportEncryptedPkcs8PrivateKeyPem(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)));
        return (certificatePath, keyPath);
    }

    private string Pfx(X509Certificate2 certificate, string password)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }
}
