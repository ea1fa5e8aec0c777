using DrrsGateway.AcceptableUse.Settings;

namespace DrrsGateway.UnitTests.AcceptableUse.Settings;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("CN=Zoë Müller, O=Utility")]
    [InlineData("用户")]
    [InlineData("a:b*c?[d]")]
    public void Check_PrintableNames_AreAccepted(string name) =>
        Assert.Null(NameRules.Check(name, 256, "user identity"));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a\u0000b", "control")]
    [InlineData("a\nb", "control")]
    [InlineData("a\u007fb", "control")]
    [InlineData("a\ufffdb", "not valid text")]
    public void Check_BadNames_AreRefusedWithReason(string name, string reasonPart)
    {
        var problem = NameRules.Check(name, 256, "user identity");

        Assert.NotNull(problem);
        Assert.Contains(reasonPart, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LoneSurrogate_IsRefused()
    {
        // Built at run time: attribute arguments cannot carry broken UTF-16.
        var name = "a" + (char)0xD800 + "b";

        Assert.Equal("The user identity is not valid text.", NameRules.Check(name, 256, "user identity"));
    }

    [Fact]
    public void Check_TooLong_IsRefused()
    {
        var problem = NameRules.Check(new string('a', 257), 256, "user identity");

        Assert.Equal("The user identity is longer than 256 characters.", problem);
    }
}
