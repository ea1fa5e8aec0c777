using DrrsGateway.AcceptableUse;

namespace DrrsGateway.UnitTests.AcceptableUse;

public sealed class AupMessagesTests
{
    [Fact]
    public void Violation_CaisoWindow_IsCaisoTextToTheLetter() =>
        Assert.Equal(
            "CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in 30 seconds from now. Note: Time resets each time you request before expiration.",
            AupMessages.Violation(30));

    [Fact]
    public void Violation_ShortLabWindow_NamesThatWindow() =>
        Assert.Contains("retry your request again in 2 seconds from now.", AupMessages.Violation(2), StringComparison.Ordinal);

    [Fact]
    public void Violation_SameWindow_ReturnsTheCachedInstance() =>
        Assert.Same(AupMessages.Violation(30), AupMessages.Violation(30));
}
