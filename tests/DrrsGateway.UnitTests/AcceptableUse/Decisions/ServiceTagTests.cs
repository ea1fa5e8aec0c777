using DrrsGateway.AcceptableUse.Decisions;

namespace DrrsGateway.UnitTests.AcceptableUse.Decisions;

public sealed class ServiceTagTests
{
    [Theory]
    [InlineData("retrievedrrslocations_v1", "retrievedrrslocations_v1")]
    [InlineData("submitdrrslocationreview_v12", "submitdrrslocationreview_v12")]
    [InlineData("retrievedrrsbatchstatus", "retrievedrrsbatchstatus")]
    [InlineData("random-path-42", "other")]
    [InlineData("retrievedrrslocations_vx", "other")]
    [InlineData("_v1", "other")]
    public void For_ServiceName_KnownOperationsKeepTheirNameOthersCollapse(string service, string expected) =>
        Assert.Equal(expected, ServiceTag.For(service));
}
