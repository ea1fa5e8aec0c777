using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.TestSupport;
using DrrsGateway.Tls;

namespace DrrsGateway.UnitTests.Tls;

public sealed class ServerCertificateValidatorTests : IDisposable
{
    private const string RedisCa = "Redis:Tls:CaCertificatePath";
    private const string RedisHint = "or set sslHost in ConnectionStrings:Redis";

    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly TestCertificateAuthority _otherCa = TestCertificateAuthority.Create("Other CA");

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
    }

    [Fact]
    public void Problem_SignedByGivenCa_IsNull()
    {
        using var server = _ca.IssueServer();

        // The system does not know the private CA: the chain error is the expected one, and overruled.
        Assert.Null(Validator().Problem(server, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Problem_SignedByAnotherCa_SaysItDoesNotChain()
    {
        using var server = _otherCa.IssueServer();

        var problem = Validator().Problem(server, null, SslPolicyErrors.RemoteCertificateChainErrors);

        Assert.Contains("does not chain to a CA in Redis:Tls:CaCertificatePath", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_SystemTrustedButNotTheGivenCa_IsRefused()
    {
        // Even a certificate the system accepts must chain to the configured CA.
        using var server = _otherCa.IssueServer();

        Assert.NotNull(Validator().Problem(server, null, SslPolicyErrors.None));
    }

    [Fact]
    public void Problem_NameMismatch_IsRefusedEvenFromGivenCa()
    {
        using var server = _ca.IssueServer("elsewhere.example");

        var problem = Validator().Problem(server, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors);

        Assert.Contains("host name", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_ClientCertificateAsServer_IsRefused()
    {
        // Issued by the CA, but for client authentication only.
        using var client = _ca.IssueClient("CN=localhost");

        Assert.NotNull(Validator().Problem(client, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Problem_NoCaAndSystemRefuses_IsRefusedNamingTheSetting()
    {
        using var server = _ca.IssueServer();

        var problem = new ServerCertificateValidator(null, RedisCa, RedisHint).Problem(server, null, SslPolicyErrors.RemoteCertificateChainErrors);

        Assert.Contains("Redis:Tls:CaCertificatePath", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_NoCertificate_IsRefused()
    {
        Assert.NotNull(Validator().Problem(null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    private ServerCertificateValidator Validator() => new([X509CertificateLoader.LoadCertificate(_ca.Certificate.RawData)], RedisCa, RedisHint);
}
