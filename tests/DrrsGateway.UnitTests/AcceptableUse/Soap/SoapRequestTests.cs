using DrrsGateway.AcceptableUse.Soap;
using Microsoft.AspNetCore.Http;

namespace DrrsGateway.UnitTests.AcceptableUse.Soap;

public sealed class SoapRequestTests
{
    private const string Action = "\"http://www.caiso.com/soa/submitDRRSLocations_v1\"";
    private static readonly SoapPolicy Enabled = SoapPolicy.Default;

    [Fact]
    public void Read_TextXmlWithSoapAction_IsSoap11KeyedByOperation()
    {
        var request = Request("text/xml; charset=utf-8", Action);

        Assert.Equal(new SoapRequest(SoapVersion.Soap11, "submitDRRSLocations_v1".AsMemory(), SoapFraming.Plain), SoapRequest.Read(request, Enabled));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("")]
    [InlineData("\"http://www.caiso.com/soa/<garbage>\"")]
    public void Read_TextXmlWithEmptyOrGarbageSoapAction_IsSoap11WithoutOperation(string soapAction) =>
        Assert.Equal(new SoapRequest(SoapVersion.Soap11, default, SoapFraming.Plain), SoapRequest.Read(Request("text/xml", soapAction), Enabled));

    [Fact]
    public void Read_TwoSoapActionHeaders_IsSoap11WithoutOperation()
    {
        var request = Request("text/xml", null);
        request.Headers[SoapRequest.SoapActionHeader] = new(["\"urn:a/one\"", "\"urn:a/two\""]);

        Assert.Equal(new SoapRequest(SoapVersion.Soap11, default, SoapFraming.Plain), SoapRequest.Read(request, Enabled));
    }

    [Fact]
    public void Read_SoapPlusXmlWithAction_IsSoap12KeyedByOperation()
    {
        var request = Request("application/soap+xml; charset=utf-8; action=\"http://www.caiso.com/soa/retrieveDRRSLocations_v1\"", null);

        Assert.Equal(new SoapRequest(SoapVersion.Soap12, "retrieveDRRSLocations_v1".AsMemory(), SoapFraming.Plain), SoapRequest.Read(request, Enabled));
    }

    [Theory]
    [InlineData("application/soap+xml")]
    [InlineData("application/soap+xml; action=\"\"")]
    [InlineData("application/soap+xml; action=\"urn:x/op")]
    public void Read_SoapPlusXmlWithoutUsableAction_IsSoap12WithoutOperation(string contentType) =>
        Assert.Equal(new SoapRequest(SoapVersion.Soap12, default, SoapFraming.Plain), SoapRequest.Read(Request(contentType, null), Enabled));

    [Fact]
    public void Read_SoapWithAttachments11_IsMultipartSoap11KeyedBySoapAction()
    {
        var request = Request("multipart/related; type=\"text/xml\"; boundary=\"MIME_boundary\"; start=\"<root@x>\"", Action);

        Assert.Equal(new SoapRequest(SoapVersion.Soap11, "submitDRRSLocations_v1".AsMemory(), SoapFraming.Multipart), SoapRequest.Read(request, Enabled));
    }

    [Fact]
    public void Read_Mtom11_IsMultipartSoap11KeyedBySoapAction()
    {
        var request = Request("multipart/related; type=\"application/xop+xml\"; start=\"<http://tempuri.org/0>\"; boundary=\"uuid:1\"; start-info=\"text/xml\"", Action);

        Assert.Equal(new SoapRequest(SoapVersion.Soap11, "submitDRRSLocations_v1".AsMemory(), SoapFraming.Multipart), SoapRequest.Read(request, Enabled));
    }

    [Fact]
    public void Read_Mtom12WithActionParameter_IsMultipartSoap12KeyedByIt()
    {
        var request = Request("multipart/related; type=\"application/xop+xml\"; start=\"<http://tempuri.org/0>\"; boundary=\"uuid:1\"; start-info=\"application/soap+xml\"; action=\"http://www.caiso.com/soa/SubmitDRRSLocations_v1\"", null);

        Assert.Equal(new SoapRequest(SoapVersion.Soap12, "SubmitDRRSLocations_v1".AsMemory(), SoapFraming.Multipart), SoapRequest.Read(request, Enabled));
    }

    [Fact]
    public void Read_Mtom12WithActionInsideStartInfo_IsMultipartSoap12KeyedByIt()
    {
        var request = Request("multipart/related; type=\"application/xop+xml\"; boundary=\"b\"; start-info=\"application/soap+xml; action=\\\"http://www.caiso.com/soa/SubmitDRRSLocations_v1\\\"\"", null);

        Assert.Equal(new SoapRequest(SoapVersion.Soap12, "SubmitDRRSLocations_v1".AsMemory(), SoapFraming.Multipart), SoapRequest.Read(request, Enabled));
    }

    [Fact]
    public void Read_SoapWithAttachments12_IsMultipartSoap12()
    {
        var request = Request("multipart/related; type=\"application/soap+xml\"; boundary=b; action=\"urn:x/op_v1\"", null);

        Assert.Equal(new SoapRequest(SoapVersion.Soap12, "op_v1".AsMemory(), SoapFraming.Multipart), SoapRequest.Read(request, Enabled));
    }

    [Theory]
    [InlineData("multipart/related; boundary=b")]
    [InlineData("multipart/related; type=\"image/png\"; boundary=b")]
    [InlineData("multipart/related; type=\"application/xop+xml\"; boundary=b")]
    [InlineData("multipart/related; type=\"application/xop+xml\"; start-info=\"application/json\"; boundary=b")]
    [InlineData("multipart/form-data; type=\"text/xml\"; boundary=b")]
    public void Read_MultipartWithoutSoapRoot_IsNone(string contentType) =>
        Assert.Equal(SoapRequest.None, SoapRequest.Read(Request(contentType, Action), Enabled));

    [Theory]
    [InlineData(null, "\"urn:x/op\"")]
    [InlineData("text/xml", null)]
    [InlineData("multipart/related; type=\"text/xml\"; boundary=b", null)]
    [InlineData("application/xml", "\"urn:x/op\"")]
    [InlineData("application/json", "\"urn:x/op\"")]
    [InlineData("text/xmlx", "\"urn:x/op\"")]
    public void Read_NotSoap_IsNone(string? contentType, string? soapAction) =>
        Assert.Equal(SoapRequest.None, SoapRequest.Read(Request(contentType, soapAction), Enabled));

    [Fact]
    public void Read_SoapDisabled_IsNone()
    {
        var request = Request("text/xml", "\"urn:x/op\"");

        Assert.Equal(SoapRequest.None, SoapRequest.Read(request, SoapPolicy.Default with { Enabled = false }));
    }

    [Fact]
    public void Read_ActionInHeaderOrContentType_AllocatesNothing()
    {
        var soap11 = Request("text/xml; charset=utf-8", Action);
        var soap12 = Request("application/soap+xml; charset=utf-8; action=\"http://www.caiso.com/soa/retrieveDRRSLocations_v1\"", null);
        SoapRequest.Read(soap11, Enabled);
        SoapRequest.Read(soap12, Enabled);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read11 = SoapRequest.Read(soap11, Enabled);
        var read12 = SoapRequest.Read(soap12, Enabled);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal("submitDRRSLocations_v1", read11.Operation.ToString());
        Assert.Equal("retrieveDRRSLocations_v1", read12.Operation.ToString());
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

    [Fact]
    public void Read_MultipartWithTwoStartParameters_IsAmbiguous()
    {
        var request = Request("multipart/related; type=\"text/xml\"; start=\"<a@x>\"; start=\"<b@x>\"; boundary=b", Action);

        Assert.True(SoapRequest.Read(request, Enabled).Ambiguous);
    }

    [Fact]
    public void Read_OrdinarySoapContentType_IsNotAmbiguous() =>
        Assert.False(SoapRequest.Read(Request("text/xml; charset=utf-8", Action), Enabled).Ambiguous);
}
