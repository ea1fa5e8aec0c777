using System.Net;
using DrrsGateway.AcceptableUse.Identity;

namespace DrrsGateway.UnitTests.AcceptableUse.Identity;

public sealed class TrustedProxySetTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("10.0.0.1", false)]
    public void LoopbackOnly_Contains_OnlyTheTwoLoopbackAddresses(string address, bool expected) =>
        Assert.Equal(expected, TrustedProxySet.LoopbackOnly.Contains(IPAddress.Parse(address)));

    [Fact]
    public void TryParse_EmptyList_MeansLoopbackOnly()
    {
        Assert.True(TrustedProxySet.TryParse([], out var set, out _));
        Assert.Same(TrustedProxySet.LoopbackOnly, set);
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("10.255.0.1", true)]
    [InlineData("192.168.1.5", true)]
    [InlineData("192.168.1.6", false)]
    [InlineData("fd00::7", true)]
    [InlineData("127.0.0.1", false)]
    public void TryParse_CidrsAndCommaSeparatedEntries_MatchTheirMembers(string address, bool expected)
    {
        Assert.True(TrustedProxySet.TryParse(["10.0.0.0/8, 192.168.1.5", "fd00::/8"], out var set, out _));

        Assert.Equal(expected, set.Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("not-an-ip")]
    [InlineData("10.0.0.1/8")]
    public void TryParse_InvalidEntry_ReportsIt(string entry)
    {
        Assert.False(TrustedProxySet.TryParse(["127.0.0.1", entry], out _, out var invalid));
        Assert.Equal(entry, invalid);
    }

    [Fact]
    public void Contains_NoRemoteAddress_IsNotTrusted() =>
        Assert.False(TrustedProxySet.LoopbackOnly.Contains(null));
}
