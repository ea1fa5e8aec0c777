using DrrsGateway.Infrastructure;

namespace DrrsGateway.UnitTests.Infrastructure;

public sealed class SettingRangeTests
{
    private static readonly SettingRange Range = new(1, 86_400);

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(86_400)]
    public void Check_ValueInRange_AddsNothing(long value)
    {
        var failures = new List<string>();

        Assert.True(Range.Check("Aup:WindowSeconds", value, failures));
        Assert.Empty(failures);
        Assert.Null(Range.Problem("Aup:WindowSeconds", value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(86_401)]
    public void Check_ValueOutOfRange_AddsMessageNamingSettingRangeAndValue(long value)
    {
        var failures = new List<string>();

        Assert.False(Range.Check("Aup:WindowSeconds", value, failures));

        Assert.Equal($"Aup:WindowSeconds must be from 1 to 86400; it is {value}.", Assert.Single(failures));
    }

    [Fact]
    public void Problem_Note_FollowsTheRangeInBrackets()
    {
        Assert.Equal(
            "Shutdown:TimeoutSeconds must be from 1 to 86400 (seconds); it is 0.",
            Range.Problem("Shutdown:TimeoutSeconds", 0, "seconds"));
    }

    [Fact]
    public void Problem_Text_IsQuotedAsWritten()
    {
        Assert.Equal(
            "Management:Port must be from 1 to 65535 (a TCP port); it is 'http'.",
            new SettingRange(1, 65_535).Problem("Management:Port", "http", "a TCP port"));
    }

    [Fact]
    public void CheckLength_TooLong_SaysHowManyCharactersItHas()
    {
        var failures = new List<string>();

        Assert.False(new SettingRange(16, 1024).CheckLength("Admin:ApiKey", 5, failures));

        Assert.Equal("Admin:ApiKey must be from 16 to 1024 characters long; it has 5.", Assert.Single(failures));
    }

    [Fact]
    public void ToString_StatesTheRange() => Assert.Equal("from 1 to 86400", Range.ToString());
}
