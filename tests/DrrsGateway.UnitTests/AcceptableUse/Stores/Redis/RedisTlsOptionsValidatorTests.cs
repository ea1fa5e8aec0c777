using DrrsGateway.AcceptableUse.Stores.Redis;
using DrrsGateway.TestSupport;

namespace DrrsGateway.UnitTests.AcceptableUse.Stores.Redis;

public sealed class RedisTlsOptionsValidatorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("drrs-redis-tls-unit-").FullName;
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Validate_Nothing_Succeeds()
    {
        Assert.True(Validate(new RedisTlsOptions()).Succeeded);
    }

    [Fact]
    public void Validate_CaClientCertificateAndKey_Succeeds()
    {
        var (certificate, key) = ClientFiles();

        var result = Validate(new RedisTlsOptions { CaCertificatePath = _ca.WritePemFile(_directory), ClientCertificatePath = certificate, ClientKeyPath = key });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_CertificateAndKeyInOneFile_Succeeds()
    {
        var (certificate, key) = ClientFiles();
        var combined = Path.Combine(_directory, "combined.pem");
        File.WriteAllText(combined, File.ReadAllText(certificate) + "\n" + File.ReadAllText(key));

        var result = Validate(new RedisTlsOptions { ClientCertificatePath = combined });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_MissingCaFile_FailsNamingIt()
    {
        var result = Validate(new RedisTlsOptions { CaCertificatePath = Path.Combine(_directory, "absent.pem") });

        Assert.Contains("Redis:Tls:CaCertificatePath", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CaFileNotPem_FailsNamingIt()
    {
        var path = Path.Combine(_directory, "ca.pem");
        File.WriteAllText(path, "not a certificate");

        var result = Validate(new RedisTlsOptions { CaCertificatePath = path });

        Assert.Contains("Redis:Tls:CaCertificatePath", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("no PEM certificate", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ClientCertificateWithoutKey_FailsAskingForTheKey()
    {
        var (certificate, _) = ClientFiles();

        var result = Validate(new RedisTlsOptions { ClientCertificatePath = certificate });

        Assert.Contains("Redis:Tls:ClientKeyPath", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("no private key", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyWithoutCertificate_Fails()
    {
        var (_, key) = ClientFiles();

        var result = Validate(new RedisTlsOptions { ClientKeyPath = key });

        Assert.Contains("Redis:Tls:ClientCertificatePath is not", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyOfAnotherCertificate_FailsNamingBoth()
    {
        var (certificate, _) = ClientFiles();
        var (_, otherKey) = ClientFiles();

        var result = Validate(new RedisTlsOptions { ClientCertificatePath = certificate, ClientKeyPath = otherKey });

        Assert.Contains("Redis:Tls:ClientCertificatePath", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Redis:Tls:ClientKeyPath", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingKeyFile_FailsNamingIt()
    {
        var (certificate, _) = ClientFiles();

        var result = Validate(new RedisTlsOptions { ClientCertificatePath = certificate, ClientKeyPath = Path.Combine(_directory, "absent.key") });

        Assert.Contains("Redis:Tls:ClientKeyPath", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.FailureMessage, StringComparison.Ordinal);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(RedisTlsOptions options) =>
        new RedisTlsOptionsValidator().Validate(null, options);

    private (string Certificate, string Key) ClientFiles()
    {
        using var client = _ca.IssueClient("CN=drrs-gateway");
        return TestCertificateAuthority.WritePemFiles(client, _directory);
    }
}
