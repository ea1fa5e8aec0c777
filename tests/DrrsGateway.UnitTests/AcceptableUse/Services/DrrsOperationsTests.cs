using DrrsGateway.AcceptableUse.Services;

namespace DrrsGateway.UnitTests.AcceptableUse.Services;

public sealed class DrrsOperationsTests
{
    [Theory]
    [InlineData("retrievedrlocations_v1", "retrieveDRLocations_v1")]
    [InlineData("retrievedrrslocations_v12", "RetrieveDRRSLocations_v12")]
    [InlineData("submitdrrslocationreview", "SubmitDRRSLocationReview")]
    [InlineData("customop_v1", "customop_v1")]
    [InlineData("", "")]
    public void CaisoSpelling_LowerCasedKey_IsCaisosNameOrItself(string service, string expected) =>
        Assert.Equal(expected, DrrsOperations.CaisoSpelling(service));
}
