using DrrsGateway.Proxy.BackendTls;

namespace DrrsGateway.UnitTests.Proxy.BackendTls;

public sealed class BackendTlsMetadataTests
{
    [Fact]
    public void Read_NoTlsKeys_IsNull()
    {
        Assert.Null(BackendTlsMetadata.Read(new Dictionary<string, string> { ["Other"] = "x" }, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Read_AllKeys_ReadsEachAnyCase()
    {
        var settings = BackendTlsMetadata.Read(
            new Dictionary<string, string>
            {
                ["clientcertificate"] = "/c.pem",
                ["ClientCertificateKey"] = "/c.key",
                ["ClientCertificatePassword"] = " pass ",
                ["BackendCaBundle"] = "/ca.pem",
            },
            out var problem);

        Assert.Null(problem);
        Assert.Equal(new BackendTlsSettings("/c.pem", "/c.key", " pass ", "/ca.pem"), settings);
    }

    [Fact]
    public void Read_KeyWithoutCertificate_IsAProblem()
    {
        BackendTlsMetadata.Read(new Dictionary<string, string> { ["ClientCertificateKey"] = "/c.key" }, out var problem);

        Assert.Equal("ClientCertificateKey is set but ClientCertificate is not: it belongs to a client certificate", problem);
    }
}
