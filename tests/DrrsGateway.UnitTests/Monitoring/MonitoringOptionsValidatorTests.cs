using DrrsGateway.Monitoring;

namespace DrrsGateway.UnitTests.Monitoring;

public sealed class MonitoringOptionsValidatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(MonitoringOptions.MaxStuckClientSeconds + 1)]
    public void Validate_StuckClientSecondsOutOfRange_FailsNamingTheSetting(int seconds)
    {
        var result = new MonitoringOptionsValidator().Validate(null, new MonitoringOptions { StuckClientSeconds = seconds });

        Assert.True(result.Failed);
        Assert.Contains("Monitoring:StuckClientSeconds", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Default_Succeeds()
    {
        Assert.True(new MonitoringOptionsValidator().Validate(null, new MonitoringOptions()).Succeeded);
    }
}
