using DrrsGateway.Admin;
using Microsoft.AspNetCore.Http;

namespace DrrsGateway.UnitTests.Admin;

public sealed class AdminApiKeyTests
{
    private const string Key = "0123456789abcdef0123";

    [Fact]
    public void IsPresentedBy_SameKey_IsTrue()
    {
        Assert.True(new AdminApiKey(Key).IsPresentedBy(RequestWith(Key)));
    }

    [Theory]
    [InlineData("0123456789abcdef012")]
    [InlineData("0123456789abcdef01234")]
    [InlineData("0123456789ABCDEF0123")]
    [InlineData("")]
    public void IsPresentedBy_OtherKey_IsFalse(string presented)
    {
        Assert.False(new AdminApiKey(Key).IsPresentedBy(RequestWith(presented)));
    }

    [Fact]
    public void IsPresentedBy_NoHeader_IsFalse()
    {
        Assert.False(new AdminApiKey(Key).IsPresentedBy(new DefaultHttpContext().Request));
    }

    [Fact]
    public void IsPresentedBy_KeyTwice_IsFalse()
    {
        Assert.False(new AdminApiKey(Key).IsPresentedBy(RequestWith(Key, Key)));
    }

    [Fact]
    public void Fingerprint_NeverContainsKeyAndDiffersPerKey()
    {
        var fingerprint = new AdminApiKey(Key).Fingerprint;

        Assert.Matches("^sha256:[0-9a-f]{12}$", fingerprint);
        Assert.NotEqual(fingerprint, new AdminApiKey(Key + "x").Fingerprint);
    }

    private static HttpRequest RequestWith(params string[] values)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[AdminApiKey.HeaderName] = values;
        return context.Request;
    }
}
