using DrrsGateway.AcceptableUse.Identity;

namespace DrrsGateway.UnitTests.AcceptableUse.Identity;

public sealed class IdentitySourcesTests
{
    [Fact]
    public void TryParse_Nothing_IsCertificateThenHeaderThenPrincipal()
    {
        Assert.True(IdentitySources.TryParse([], out var sources, out _));
        Assert.Equal<IdentitySource>([IdentitySource.Certificate, IdentitySource.TrustedHeader, IdentitySource.Principal], sources);
    }

    [Fact]
    public void TryParse_CommaSeparatedAnyCase_KeepsTheOrder()
    {
        Assert.True(IdentitySources.TryParse(["trustedheader , Principal", "CERTIFICATE"], out var sources, out _));
        Assert.Equal<IdentitySource>([IdentitySource.TrustedHeader, IdentitySource.Principal, IdentitySource.Certificate], sources);
    }

    [Theory]
    [InlineData("Certificate, Password", "'Password'")]
    [InlineData("1", "'1'")]
    [InlineData("Certificate, certificate", "twice")]
    public void TryParse_UnknownOrRepeated_FailsNamingTheEntry(string entry, string expected)
    {
        Assert.False(IdentitySources.TryParse([entry], out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
