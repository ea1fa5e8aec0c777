using System.Security.Cryptography.X509Certificates;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.AcceptableUse.Identity;

public sealed class ClientCertificateVerifierTests : IDisposable
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly TestCertificateAuthority _otherCa = TestCertificateAuthority.Create("Some Other CA");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
    }

    [Fact]
    public void UserOf_CertificateFromTrustedCa_IsItsCommonName()
    {
        using var client = _ca.IssueClient("CN=alice, O=Acme");

        Assert.Equal("alice", Verifier(CertificateUserField.CommonName).UserOf(client));
    }

    [Fact]
    public void UserOf_CertificateFromOtherCa_IsNull()
    {
        using var client = _otherCa.IssueClient("CN=alice, O=Acme");

        Assert.Null(Verifier(CertificateUserField.CommonName).UserOf(client));
    }

    [Fact]
    public void UserOf_SelfSignedCopyOfTrustedSubject_IsNull()
    {
        using var impostor = TestCertificateAuthority.Create("alice");

        Assert.Null(Verifier(CertificateUserField.CommonName).UserOf(impostor.Certificate));
    }

    [Fact]
    public void UserOf_ExpiredCertificate_IsNull()
    {
        using var client = _ca.IssueClient("CN=alice", notAfter: DateTimeOffset.UtcNow.AddMinutes(-5));

        Assert.Null(Verifier(CertificateUserField.CommonName).UserOf(client));
    }

    [Fact]
    public void UserOf_ThumbprintField_IsTheThumbprint()
    {
        using var client = _ca.IssueClient("CN=alice");

        Assert.Equal(client.Thumbprint, Verifier(CertificateUserField.Thumbprint).UserOf(client));
    }

    [Fact]
    public void UserOf_SameCertificateAgain_IsAnsweredFromTheCacheUntilItExpires()
    {
        using var client = _ca.IssueClient("CN=alice");
        var verifier = Verifier(CertificateUserField.CommonName);
        Assert.Equal("alice", verifier.UserOf(client));

        // Another instance of the same certificate (as the forwarded header makes per request) hits the cache.
        using var copy = X509CertificateLoader.LoadCertificate(client.RawData);
        Assert.Equal("alice", verifier.UserOf(copy));

        _time.Advance(ClientCertificateVerifier.VerdictLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal("alice", verifier.UserOf(copy));
    }

    private ClientCertificateVerifier Verifier(CertificateUserField field) =>
        new([_ca.Certificate], checkRevocation: false, field, _time, NullLogger.Instance);
}
