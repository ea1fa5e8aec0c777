using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Soap;
using Microsoft.AspNetCore.Http;

namespace DrrsGateway.UnitTests.AcceptableUse.Soap;

public sealed class SoapRequestTests
{
    private static readonly AupSoapOptions Enabled = new();

    [Fact]
    public void Read_TextXmlWithSoapAction_IsSoap11KeyedByOperation()
    {
        var request = Request("text/xml; charset=utf-8", "\"http://www.caiso.com/soa/submitDRRSLocations_v1\"");

        Assert.Equal(new SoapRequest(SoapVersion.Soap11, "submitdrrslocations_v1"), SoapRequest.Read(request, Enabled));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("")]
    [InlineData("\"http://www.caiso.com/soa/<garbage>\"")]
    public void Read_TextXmlWithEmptyOrGarbageSoapAction_IsSoap11WithoutOperation(string soapAction) =>
        Assert.Equal(new SoapRequest(SoapVersion.Soap11, null), SoapRequest.Read(Request("text/xml", soapAction), Enabled));

    [Fact]
    public void Read_TwoSoapActionHeaders_IsSoap11WithoutOperation()
    {
        var request = Request("text/xml", null);
        request.Headers[SoapRequest.SoapActionHeader] = new(["\"urn:a/one\"", "\"urn:a/two\""]);

        Assert.Equal(new SoapRequest(SoapVersion.Soap11, null), SoapRequest.Read(request, Enabled));
    }

    [Fact]
    public void Read_SoapPlusXmlWithAction_IsSoap12KeyedByOperation()
    {
        var request = Request("application/soap+xml; charset=utf-8; action=\"http://www.caiso.com/soa/retrieveDRRSLocations_v1\"", null);

        Assert.Equal(new SoapRequest(SoapVersion.Soap12, "retrievedrrslocations_v1"), SoapRequest.Read(request, Enabled));
    }

    [Theory]
    [InlineData("application/soap+xml")]
    [InlineData("application/soap+xml; action=\"\"")]
    [InlineData("application/soap+xml; action=\"urn:x/op")]
    public void Read_SoapPlusXmlWithoutUsableAction_IsSoap12WithoutOperation(string contentType) =>
        Assert.Equal(new SoapRequest(SoapVersion.Soap12, null), SoapRequest.Read(Request(contentType, null), Enabled));

    [Theory]
    [InlineData(null, "\"urn:x/op\"")]
    [InlineData("text/xml", null)]
    [InlineData("application/xml", "\"urn:x/op\"")]
    [InlineData("application/json", "\"urn:x/op\"")]
    [InlineData("text/xmlx", "\"urn:x/op\"")]
    public void Read_NotSoap_IsNone(string? contentType, string? soapAction) =>
        Assert.Equal(SoapRequest.None, SoapRequest.Read(Request(contentType, soapAction), Enabled));

    [Fact]
    public void Read_SoapDisabled_IsNone()
    {
        var request = Request("text/xml", "\"urn:x/op\"");

        Assert.Equal(SoapRequest.None, SoapRequest.Read(request, new AupSoapOptions { Enabled = false }));
    }

    private static HttpRequest Request(string? contentType, string? soapAction)
    {
        var request = new DefaultHttpContext().Request;
        request.ContentType = contentType;
        if (soapAction is not null)
        {
            request.Headers[SoapRequest.SoapActionHeader] = soapAction;
        }

        return request;
    }
}
