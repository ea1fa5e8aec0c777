using System.Security.Cryptography.X509Certificates;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.TestSupport;

namespace DrrsGateway.UnitTests.AcceptableUse.Identity;

public sealed class ForwardedCertificateParserTests : IDisposable
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly X509Certificate2 _client;

    public ForwardedCertificateParserTests() => _client = _ca.IssueClient("CN=alice");

    public void Dispose()
    {
        _client.Dispose();
        _ca.Dispose();
    }

    [Fact]
    public void Parse_Base64Der_IsTheCertificate() =>
        AssertIsClient(ForwardedCertificateParser.Parse(Convert.ToBase64String(_client.RawData)));

    [Fact]
    public void Parse_Pem_IsTheCertificate() =>
        AssertIsClient(ForwardedCertificateParser.Parse(_client.ExportCertificatePem()));

    [Fact]
    public void Parse_UrlEncodedPem_IsTheCertificate() =>
        AssertIsClient(ForwardedCertificateParser.Parse(Uri.EscapeDataString(_client.ExportCertificatePem())));

    [Fact]
    public void Parse_PemChainLeafFirst_IsTheLeaf() =>
        AssertIsClient(ForwardedCertificateParser.Parse(_client.ExportCertificatePem() + "\n" + _ca.ExportPem()));

    [Fact]
    public void Parse_PemWithSpacesForNewlines_IsTheCertificate()
    {
        // Some proxies flatten the PEM's line breaks to spaces to fit it in one header line.
        var flattened = _client.ExportCertificatePem().Replace('\n', ' ');

        AssertIsClient(ForwardedCertificateParser.Parse(flattened));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a certificate")]
    [InlineData("QUJDRA==")]
    [InlineData("-----BEGIN CERTIFICATE-----\nQUJDRA==\n-----END CERTIFICATE-----")]
    [InlineData("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----")]
    [InlineData("-----BEGIN CERTIFICATE-----")]
    [InlineData("%E0%A4%A")]
    [InlineData("%00%01%02")]
    public void Parse_Garbage_IsNull(string? value) =>
        Assert.Null(ForwardedCertificateParser.Parse(value));

    [Fact]
    public void Parse_PrivateKeyPem_IsNull()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();

        Assert.Null(ForwardedCertificateParser.Parse(key.ExportPkcs8PrivateKeyPem()));
    }

    [Fact]
    public void Parse_TwoHeaderValuesJoined_IsNull()
    {
        var der = Convert.ToBase64String(_client.RawData);

        Assert.Null(ForwardedCertificateParser.Parse(der + "," + der));
    }

    [Fact]
    public void Parse_Oversized_IsNull() =>
        Assert.Null(ForwardedCertificateParser.Parse(new string('A', ForwardedCertificateParser.MaxLength + 4)));

    private void AssertIsClient(X509Certificate2? parsed)
    {
        Assert.NotNull(parsed);
        using (parsed)
        {
            Assert.Equal(_client.Thumbprint, parsed.Thumbprint);
        }
    }
}
