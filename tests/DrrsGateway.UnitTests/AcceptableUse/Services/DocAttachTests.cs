using DrrsGateway.AcceptableUse.Services;

namespace DrrsGateway.UnitTests.AcceptableUse.Services;

public sealed class DocAttachTests
{
    [Theory]
    [InlineData("submitDRLocations_v1_DocAttach", "submitDRLocations_v1")]
    [InlineData("submitdrlocations_v1_docattach", "submitdrlocations_v1")]
    [InlineData("submitDRLocations_v1", "submitDRLocations_v1")]
    [InlineData("submitDRLocations_DocAttach", "submitDRLocations_DocAttach")]
    [InlineData("_DocAttach", "_DocAttach")]
    [InlineData("DocAttach", "DocAttach")]
    public void WithoutSuffix_Name_DropsTheSuffixAfterAVersionOnly(string name, string expected) =>
        Assert.Equal(expected, DocAttach.WithoutSuffix(name).ToString());
}
