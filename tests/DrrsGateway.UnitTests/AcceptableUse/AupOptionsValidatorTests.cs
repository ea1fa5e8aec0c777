using DrrsGateway.AcceptableUse;

namespace DrrsGateway.UnitTests.AcceptableUse;

public sealed class AupOptionsValidatorTests
{
    private readonly AupOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(_validator.Validate(null, new AupOptions()).Succeeded);

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

    [Fact]
    public void Validate_EmptyKeyPrefix_NamesTheSetting() =>
        AssertFailureNames("Aup:KeyPrefix", new AupOptions { KeyPrefix = " " });

    private string AssertFailureNames(string setting, AupOptions options)
    {
        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
        return result.FailureMessage;
    }
}
