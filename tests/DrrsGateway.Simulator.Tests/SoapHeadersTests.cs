using DrrsGateway.Simulator.Soap;

namespace DrrsGateway.Simulator.Tests;

public sealed class SoapHeadersTests
{
    [Theory]
    [InlineData("\"http://www.caiso.com/soa/submitDRRSLocations_v1\"", "submitDRRSLocations_v1")]
    [InlineData(" \"urn:x#RetrieveDRRSLocations_v1\" ", "RetrieveDRRSLocations_v1")]
    [InlineData("RetrieveDRRSLocations_v1", "RetrieveDRRSLocations_v1")]
    [InlineData("\"\"", null)]
    [InlineData("http://www.caiso.com/soa/", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void LastActionPart_Action_ReturnsOperationOrNull(string? action, string? expected) =>
        Assert.Equal(expected, SoapHeaders.LastActionPart(action));
}
