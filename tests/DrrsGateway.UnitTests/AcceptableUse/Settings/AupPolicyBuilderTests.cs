using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.TestSupport;

namespace DrrsGateway.UnitTests.AcceptableUse.Settings;

public sealed class AupPolicyBuilderTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(Validate(new AupOptions()).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    [InlineData(86_401)]
    public void Validate_WindowOutOfRange_NamesTheSetting(int seconds) =>
        AssertFailureNames("Aup:WindowSeconds", new AupOptions { WindowSeconds = seconds });

    [Fact]
    public void Validate_BadTrustedProxy_NamesTheSettingAndEntry()
    {
        var options = new AupOptions { Identity = { TrustedProxies = ["10.0.0.0/8", "nonsense"] } };

        var message = AssertFailureNames("Aup:Identity:TrustedProxies", options);
        Assert.Contains("'nonsense'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X Drrs User")]
    [InlineData("X-Drrs-User:")]
    [InlineData("")]
    public void Validate_BadHeaderName_NamesTheSetting(string header) =>
        AssertFailureNames("Aup:Identity:TrustedHeader", new AupOptions { Identity = { TrustedHeader = header } });

    [Fact]
    public void Validate_UndefinedStoreFailureMode_NamesTheSetting() =>
        AssertFailureNames("Aup:OnStoreFailure", new AupOptions { OnStoreFailure = (StoreFailureMode)7 });

    [Fact]
    public void Validate_ZeroStoreTimeout_NamesTheSetting() =>
        AssertFailureNames("Aup:StoreTimeoutMilliseconds", new AupOptions { StoreTimeoutMilliseconds = 0 });

    [Theory]
    [InlineData("drrs[1]:")]
    [InlineData("drrs*:")]
    [InlineData("{drrs}:")]
    public void Validate_GlobOrHashTagInKeyPrefix_NamesTheSetting(string prefix) =>
        AssertFailureNames("Aup:KeyPrefix", new AupOptions { KeyPrefix = prefix });

    [Fact]
    public void Validate_EmptyKeyPrefix_NamesTheSetting() =>
        AssertFailureNames("Aup:KeyPrefix", new AupOptions { KeyPrefix = " " });

    [Theory]
    [InlineData(399)]
    [InlineData(200)]
    [InlineData(600)]
    public void Validate_SoapFaultStatusOutOfRange_NamesTheSetting(int status)
    {
        AssertFailureNames("Aup:Soap:Soap11FaultStatusCode", new AupOptions { Soap = { Soap11FaultStatusCode = status } });
        AssertFailureNames("Aup:Soap:Soap12FaultStatusCode", new AupOptions { Soap = { Soap12FaultStatusCode = status } });
    }

    [Theory]
    [InlineData("Certificate, Kerberos")]
    [InlineData("Principal, Principal")]
    public void Validate_BadIdentitySources_NamesTheSetting(string sources) =>
        AssertFailureNames("Aup:Identity:Sources", new AupOptions { Identity = { Sources = [sources] } });

    [Fact]
    public void Validate_UndefinedCertificateUser_NamesTheSetting() =>
        AssertFailureNames("Aup:Identity:CertificateUser", new AupOptions { Identity = { CertificateUser = (CertificateUserField)9 } });

    [Fact]
    public void Validate_UndefinedClientCertificateMode_NamesTheSetting() =>
        AssertFailureNames("Aup:Identity:ClientCertificate:Mode", new AupOptions { Identity = { ClientCertificate = { Mode = (ClientCertificateMode)9, TrustedCaPath = "x" } } });

    [Theory]
    [InlineData(ClientCertificateMode.Allow, null)]
    [InlineData(ClientCertificateMode.Require, null)]
    [InlineData(ClientCertificateMode.None, "X-Client-Cert")]
    public void Validate_CertificatesWithoutCaBundle_NamesTrustedCaPath(ClientCertificateMode mode, string? forwardedHeader) =>
        AssertFailureNames(
            "Aup:Identity:ClientCertificate:TrustedCaPath",
            new AupOptions { Identity = { ClientCertificate = { Mode = mode, ForwardedHeader = forwardedHeader } } });

    [Fact]
    public void Validate_MissingCaBundleFile_NamesTheSettingAndPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.pem");
        var options = new AupOptions { Identity = { ClientCertificate = { Mode = ClientCertificateMode.Allow, TrustedCaPath = path } } };

        var message = AssertFailureNames("Aup:Identity:ClientCertificate:TrustedCaPath", options);
        Assert.Contains(path, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CaBundleWithoutCertificates_NamesTheSetting()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a certificate");
            var options = new AupOptions { Identity = { ClientCertificate = { Mode = ClientCertificateMode.Allow, TrustedCaPath = path } } };

            AssertFailureNames("Aup:Identity:ClientCertificate:TrustedCaPath", options);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_CaBundleFromTestCa_Succeeds()
    {
        using var ca = TestCertificateAuthority.Create();
        var path = ca.WritePemFile(Path.GetTempPath());
        try
        {
            var options = new AupOptions { Identity = { ClientCertificate = { Mode = ClientCertificateMode.Require, TrustedCaPath = path, ForwardedHeader = "X-Client-Cert" } } };

            Assert.True(Validate(options).Succeeded);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_BadForwardedHeaderName_NamesTheSetting() =>
        AssertFailureNames("Aup:Identity:ClientCertificate:ForwardedHeader", new AupOptions { Identity = { ClientCertificate = { ForwardedHeader = "X Client Cert", TrustedCaPath = "x" } } });

    [Theory]
    [InlineData("")]
    [InlineData("monitor\u0001")]
    public void Validate_UnusableExemptUser_NamesTheSetting(string user) =>
        AssertFailureNames("Aup:ExemptUsers", new AupOptions { ExemptUsers = [user] });

    private static string AssertFailureNames(string setting, AupOptions options)
    {
        var result = Validate(options);

        Assert.False(result.Succeeded);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
        return result.FailureMessage;
    }

    private static Result Validate(AupOptions options)
    {
        var built = TestPolicy.Builder.TryBuild(options, out var policy, out var failures);
        Assert.Equal(built, policy is not null);
        return new(built, string.Join("; ", failures));
    }

    private sealed record Result(bool Succeeded, string FailureMessage);
}
