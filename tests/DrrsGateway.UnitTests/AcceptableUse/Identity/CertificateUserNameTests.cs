using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.AcceptableUse.Identity;

namespace DrrsGateway.UnitTests.AcceptableUse.Identity;

public sealed class CertificateUserNameTests
{
    [Fact]
    public void Of_CommonName_IsTheSubjectsCn()
    {
        using var certificate = SelfSigned("CN=alice@participant, OU=DR, O=Acme Energy, C=US");

        Assert.Equal("alice@participant", CertificateUserName.Of(certificate, CertificateUserField.CommonName));
    }

    [Fact]
    public void Of_Thumbprint_IsTheUpperCaseSha1Thumbprint()
    {
        using var certificate = SelfSigned("CN=alice");

        var user = CertificateUserName.Of(certificate, CertificateUserField.Thumbprint);

        Assert.Equal(certificate.GetCertHashString(), user);
        Assert.Equal(40, user!.Length);
        Assert.Equal(user.ToUpperInvariant(), user);
    }

    [Fact]
    public void Of_Subject_IsTheWholeDistinguishedName()
    {
        using var certificate = SelfSigned("CN=alice, O=Acme Energy, C=US");

        Assert.Equal("CN=alice, O=Acme Energy, C=US", CertificateUserName.Of(certificate, CertificateUserField.Subject));
    }

    [Theory]
    [InlineData("O=Acme Energy, C=US")]
    [InlineData("CN=alice, CN=bob, O=Acme")]
    [InlineData("CN=\" \", O=Acme")]
    public void Of_NoSingleCommonName_IsNull(string subject)
    {
        using var certificate = SelfSigned(subject);

        Assert.Null(CertificateUserName.Of(certificate, CertificateUserField.CommonName));
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
