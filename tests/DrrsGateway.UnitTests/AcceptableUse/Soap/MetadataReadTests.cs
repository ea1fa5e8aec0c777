using DrrsGateway.AcceptableUse.Soap;
using Microsoft.AspNetCore.Http;

namespace DrrsGateway.UnitTests.AcceptableUse.Soap;

public sealed class MetadataReadTests
{
    [Theory]
    [InlineData("GET", "?wsdl")]
    [InlineData("GET", "?WSDL")]
    [InlineData("HEAD", "?wsdl")]
    [InlineData("GET", "?singleWsdl")]
    [InlineData("GET", "?xsd=1")]
    [InlineData("GET", "?XSD=2")]
    [InlineData("GET", "?wsdl=")]
    [InlineData("GET", "?a=b&wsdl")]
    public void Is_GetOrHeadWithMetadataParameter_IsTrue(string method, string query) =>
        Assert.True(MetadataRead.Is(Request(method, query)));

    [Theory]
    [InlineData("POST", "?wsdl")]
    [InlineData("PUT", "?xsd=1")]
    [InlineData("GET", "")]
    [InlineData("GET", "?")]
    [InlineData("GET", "?a=wsdl")]
    [InlineData("GET", "?wsdlx")]
    [InlineData("GET", "?%77sdl")]
    [InlineData("GET", "?xwsdl=1")]
    public void Is_CallOrOtherQuery_IsFalse(string method, string query) =>
        Assert.False(MetadataRead.Is(Request(method, query)));

    private static HttpRequest Request(string method, string query)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = method;
        request.Path = "/sst/runtime.asvc/RetrieveDRRSLocations_v1";
        request.QueryString = new QueryString(query.Length == 0 ? null : query);
        return request;
    }
}
