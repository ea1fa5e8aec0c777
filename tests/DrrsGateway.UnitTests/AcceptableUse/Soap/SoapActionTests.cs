using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.UnitTests.AcceptableUse.Soap;

public sealed class SoapActionTests
{
    private static readonly ServiceNames Names = new();

    [Theory]
    [InlineData("\"http://www.caiso.com/soa/submitDRRSLocations_v1\"", "submitdrrslocations_v1")]
    [InlineData("http://www.caiso.com/soa/submitDRRSLocations_v1", "submitdrrslocations_v1")]
    [InlineData("  \" http://www.caiso.com/soa/RetrieveDRRSBatchStatus_v2 \"  ", "retrievedrrsbatchstatus_v2")]
    [InlineData("\"urn:caiso:drrs#retrieveDRRSRegistrations_v1\"", "retrievedrrsregistrations_v1")]
    [InlineData("submitDRRSLocationReview_v1", "submitdrrslocationreview_v1")]
    [InlineData("\"http://example.com/a/b.c-d_e\"", "b.c-d_e")]
    [InlineData("\"http://www.caiso.com/soa/submitDRRSLocations_v1", "submitdrrslocations_v1")]
    public void Operation_ActionUri_IsLowerCasedPartAfterLastSlashOrHash(string action, string expected) =>
        Assert.Equal(expected, SoapAction.Operation(action, Names));

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("   ")]
    [InlineData("\"http://www.caiso.com/soa/\"")]
    [InlineData("http://www.caiso.com/soa#")]
    [InlineData("\"http://www.caiso.com/soa/submit DRRS\"")]
    [InlineData("\"http://www.caiso.com/soa/submit\"DRRS\"")]
    [InlineData("\"http://www.caiso.com/soa/submit<x/>\"")]
    [InlineData("\"http://www.caiso.com/soa/op?wsdl\"")]
    [InlineData("\"http://www.caiso.com/soa/ünïcode\"")]
    [InlineData("\"http://www.caiso.com/soa/op\u0000\"")]
    public void Operation_EmptyOrGarbage_IsNull(string action) =>
        Assert.Null(SoapAction.Operation(action, Names));

    [Fact]
    public void Operation_LongerThanLimit_IsNull()
    {
        Assert.NotNull(SoapAction.Operation(new string('a', SoapAction.MaxOperationLength), Names));
        Assert.Null(SoapAction.Operation(new string('a', SoapAction.MaxOperationLength + 1), Names));
    }
}
