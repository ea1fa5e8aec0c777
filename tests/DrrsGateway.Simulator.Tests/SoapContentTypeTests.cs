using DrrsGateway.Simulator.Soap;

namespace DrrsGateway.Simulator.Tests;

public sealed class SoapContentTypeTests
{
    private const string Action = "http://www.caiso.com/soa/RetrieveDRRSLocations_v1";

    [Theory]
    [InlineData("text/xml; charset=utf-8", false, false, false)]
    [InlineData("application/soap+xml; charset=utf-8", true, false, false)]
    [InlineData("multipart/related; type=\"text/xml\"; boundary=b", false, true, false)]
    [InlineData("multipart/related; type=\"application/soap+xml\"; boundary=b", true, true, false)]
    [InlineData("multipart/related; type=\"application/xop+xml\"; boundary=b; start-info=\"text/xml\"", false, true, true)]
    [InlineData("Multipart/Related; TYPE=\"Application/XOP+XML\"; boundary=b; start-info=\"Application/SOAP+XML\"", true, true, true)]
    [InlineData("multipart/related; boundary=b", false, true, false)]
    [InlineData("not a media type", false, false, false)]
    [InlineData(null, false, false, false)]
    public void Parse_ContentType_ReadsVersionAndForm(string? contentType, bool soap12, bool multipart, bool mtom)
    {
        var parsed = SoapContentType.Parse(contentType, soapAction: null);

        Assert.Equal(soap12 ? SoapVersion.Soap12 : SoapVersion.Soap11, parsed.Version);
        Assert.Equal(multipart, parsed.IsMultipart);
        Assert.Equal(mtom, parsed.IsMtom);
    }

    [Theory]
    [InlineData($"multipart/related; type=\"application/xop+xml\"; boundary=b; start-info=\"application/soap+xml\"; action=\"{Action}\"")]
    [InlineData($"multipart/related; type=\"application/xop+xml\"; boundary=b; start-info=\"application/soap+xml; action=\\\"{Action}\\\"\"")]
    [InlineData($"multipart/related; type=\"application/soap+xml\"; boundary=b; action=\"{Action}\"")]
    [InlineData($"application/soap+xml; action=\"{Action}\"")]
    public void Parse_Soap12Action_IsFoundWhereverTheStackPutsIt(string contentType) =>
        Assert.Equal(Action, SoapContentType.Parse(contentType, soapAction: null).Action);

    [Fact]
    public void Parse_MtomSoap11_TakesTheSoapActionHeader()
    {
        var parsed = SoapContentType.Parse("multipart/related; type=\"application/xop+xml\"; boundary=b; start=\"<r@x>\"; start-info=\"text/xml\"", $"\"{Action}\"");

        Assert.Equal($"\"{Action}\"", parsed.Action);
        Assert.Equal("<r@x>", parsed.Start);
        Assert.Equal("b", parsed.Boundary);
    }

    [Theory]
    [InlineData($"application/xop+xml; charset=utf-8; type=\"application/soap+xml; action=\\\"{Action}\\\"\"", Action)]
    [InlineData($"application/soap+xml; action=\"{Action}\"", Action)]
    [InlineData("application/xop+xml; type=\"text/xml\"", null)]
    [InlineData(null, null)]
    public void ActionOfRootPart_ContentType_ReadsTheNestedAction(string? contentType, string? expected) =>
        Assert.Equal(expected, SoapContentType.ActionOfRootPart(contentType));
}
