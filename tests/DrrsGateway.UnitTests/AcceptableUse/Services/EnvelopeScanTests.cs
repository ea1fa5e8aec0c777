using System.Text;
using DrrsGateway.AcceptableUse.Services;

namespace DrrsGateway.UnitTests.AcceptableUse.Services;

public sealed class EnvelopeScanTests
{
    private const string Retrieve = "retrievedrrslocations_v1";

    [Theory]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><RetrieveDRRSLocations_v1/></s:Body></s:Envelope>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope><s:Body><tns:RetrieveDRRSLocations_v1>Zoë</tns:RetrieveDRRSLocations_v1></s:Body></s:Envelope>")]
    [InlineData("\uFEFF  <s:Envelope><s:Body><RetrieveDRRSLocationsRequest/></s:Body></s:Envelope>")]
    [InlineData("<s:Envelope><s:Body><Data/></s:Body></s:Envelope>")]
    public void NamesNothingBut_OnlyTheOperationOrNothing_IsTrue(string body) =>
        Assert.True(EnvelopeScan.NamesNothingBut(Encoding.UTF8.GetBytes(body), Retrieve, ServiceCatalog.Default));

    [Theory]
    [InlineData("<s:Envelope><s:Body><SubmitDRRSLocations_v1/></s:Body></s:Envelope>")]
    [InlineData("<s:Envelope><s:Header><a:Action>http://www.caiso.com/soa/SubmitDRRSLocations_v1</a:Action></s:Header><s:Body><RetrieveDRRSLocations_v1/></s:Body></s:Envelope>")]
    [InlineData("<s:Envelope><s:Body><RetrieveDRRSLocations_v2/></s:Body></s:Envelope>")]
    [InlineData("<s:Envelope><s:Body><x>submitdrrslocations</x><RetrieveDRRSLocations_v1/></s:Body></s:Envelope>")]
    [InlineData("<!DOCTYPE x><s:Envelope><s:Body><RetrieveDRRSLocations_v1/></s:Body></s:Envelope>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-16\"?><s:Envelope/>")]
    [InlineData("not xml")]
    public void NamesNothingBut_AnythingItCannotBeSureOf_IsFalse(string body) =>
        Assert.False(EnvelopeScan.NamesNothingBut(Encoding.UTF8.GetBytes(body), Retrieve, ServiceCatalog.Default));

    [Fact]
    public void NamesNothingBut_Utf16Body_IsFalse() =>
        Assert.False(EnvelopeScan.NamesNothingBut(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<s:Envelope/>")).ToArray(), Retrieve, ServiceCatalog.Default));

    [Fact]
    public void NamesNothingBut_CatalogWithPattern_IsFalse()
    {
        Assert.True(ServiceCatalog.TryCreate(true, [], "Custom.*", out var catalog, out _));

        Assert.False(EnvelopeScan.NamesNothingBut("<s:Envelope/>"u8, "custom_v1", catalog));
    }
}
