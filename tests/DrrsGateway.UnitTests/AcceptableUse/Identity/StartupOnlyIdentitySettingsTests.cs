using DrrsGateway.AcceptableUse.Identity;

namespace DrrsGateway.UnitTests.AcceptableUse.Identity;

public sealed class StartupOnlyIdentitySettingsTests
{
    [Fact]
    public void Changed_SameSettings_NamesNothing()
    {
        var options = new AupClientCertificateOptions { Mode = ClientCertificateMode.Allow, ForwardedHeader = "X-Client-Cert" };

        Assert.Empty(StartupOnlyIdentitySettings.Changed(options, new() { Mode = ClientCertificateMode.Allow, ForwardedHeader = "x-client-cert" }));
    }

    [Fact]
    public void Changed_ModeAndForwardedHeader_NamesBoth()
    {
        var before = new AupClientCertificateOptions();
        var after = new AupClientCertificateOptions { Mode = ClientCertificateMode.Require, ForwardedHeader = "X-Client-Cert" };

        Assert.Equal(
            ["Aup:Identity:ClientCertificate:Mode", "Aup:Identity:ClientCertificate:ForwardedHeader"],
            StartupOnlyIdentitySettings.Changed(before, after));
    }

    [Fact]
    public void Changed_OtherClientCertificateSettings_AreLive()
    {
        var before = new AupClientCertificateOptions { TrustedCaPath = "/a.pem", CheckRevocation = true };
        var after = new AupClientCertificateOptions { TrustedCaPath = "/b.pem", CheckRevocation = false };

        Assert.Empty(StartupOnlyIdentitySettings.Changed(before, after));
    }
}
