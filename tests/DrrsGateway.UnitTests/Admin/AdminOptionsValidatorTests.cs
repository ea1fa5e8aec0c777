using DrrsGateway.Admin;

namespace DrrsGateway.UnitTests.Admin;

public sealed class AdminOptionsValidatorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcdef")]
    [InlineData("!\"#$%&'()*+,-./0123456789:;<=>?@~")]
    public void Validate_UnsetOrUsableKey_Succeeds(string? key)
    {
        Assert.True(new AdminOptionsValidator().Validate(null, new AdminOptions { ApiKey = key }).Succeeded);
    }

    [Theory]
    [InlineData("0123456789abcde")]
    [InlineData("0123456789abcdef ")]
    [InlineData("0123456789abcdef\n")]
    [InlineData("0123456789abcdefé")]
    [InlineData("                ")]
    public void Validate_ShortOrUnpresentableKey_FailsNamingSettingNotKey(string key)
    {
        var result = new AdminOptionsValidator().Validate(null, new AdminOptions { ApiKey = key });

        Assert.True(result.Failed);
        Assert.Contains("Admin:ApiKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcde", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OverlongKey_Fails()
    {
        Assert.True(new AdminOptionsValidator().Validate(null, new AdminOptions { ApiKey = new string('k', 1025) }).Failed);
    }
}
