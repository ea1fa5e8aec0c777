using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.UnitTests.AcceptableUse.Soap;

public sealed class SoapContentTypeTests
{
    [Theory]
    [InlineData("text/xml", "text/xml")]
    [InlineData("text/xml; charset=utf-8", "text/xml")]
    [InlineData("  Application/SOAP+XML ;charset=utf-8", "Application/SOAP+XML")]
    [InlineData("", "")]
    [InlineData(";", "")]
    public void MediaType_ContentType_IsTypeWithoutParameters(string contentType, string expected) =>
        Assert.Equal(expected, SoapContentType.MediaType(contentType).ToString());

    [Theory]
    [InlineData("application/soap+xml; action=\"http://www.caiso.com/soa/op_v1\"", "http://www.caiso.com/soa/op_v1")]
    [InlineData("application/soap+xml;charset=utf-8;action=\"urn:x#op\"", "urn:x#op")]
    [InlineData("application/soap+xml; charset=\"utf-8\"; ACTION = \"urn:x/op\" ", "urn:x/op")]
    [InlineData("application/soap+xml; action=urn:x/op; charset=utf-8", "urn:x/op")]
    [InlineData("application/soap+xml; foo=\"a;action=wrong\"; action=\"urn:x/right\"", "urn:x/right")]
    [InlineData("application/soap+xml; foo=\"a\\\"b;action=wrong\"; action=\"urn:x/right\"", "urn:x/right")]
    [InlineData("application/soap+xml; action=\"\"", "")]
    public void TryGetParameter_ActionPresent_ReturnsUnquotedValue(string contentType, string expected)
    {
        Assert.True(SoapContentType.TryGetParameter(contentType, "action", out var value));
        Assert.Equal(expected, value.ToString());
    }

    [Theory]
    [InlineData("application/soap+xml")]
    [InlineData("application/soap+xml; charset=utf-8")]
    [InlineData("application/soap+xml; action")]
    [InlineData("application/soap+xml; =\"urn:x/op\"")]
    [InlineData("application/soap+xml; action=\"urn:x/op")]
    [InlineData("application/soap+xml; foo=\"unterminated; action=\"urn:x/op\"")]
    [InlineData("application/soap+xml; xaction=\"urn:x/op\"")]
    [InlineData(";;;;===\"\"\"\\")]
    public void TryGetParameter_NoWellFormedAction_IsFalse(string contentType) =>
        Assert.False(SoapContentType.TryGetParameter(contentType, "action", out _));

    [Theory]
    [InlineData("multipart/related; type=\"application/xop+xml\"; start=\"<a>\"; start=\"<b>\"; boundary=x", true)]
    [InlineData("application/soap+xml; action=\"urn:a\"; ACTION=\"urn:b\"", true)]
    [InlineData("multipart/related; type=\"text/xml\"; boundary=x; type=\"image/png\"", true)]
    [InlineData("multipart/related; type=\"application/xop+xml\"; start-info=\"application/soap+xml; action=\\\"urn:a\\\"\"; action=\"urn:a\"; boundary=x", false)]
    [InlineData("text/xml; charset=utf-8", false)]
    [InlineData("text/xml", false)]
    public void RepeatsParameter_ParameterGivenTwice_IsTrue(string contentType, bool expected) =>
        Assert.Equal(expected, SoapContentType.RepeatsParameter(contentType));
}
