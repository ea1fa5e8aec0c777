using System.Net;

namespace DrrsGateway.Simulator.Tests;

public sealed class SoapActionRoutingTests : IClassFixture<SimulatorFixture>
{
    private readonly HttpClient _client;

    public SoapActionRoutingTests(SimulatorFixture fixture) => _client = fixture.Client;

    [Theory]
    [InlineData("\"http://www.caiso.com/soa/submitDRRSLocations_v1\"")]
    [InlineData("http://www.caiso.com/soa/submitDRRSLocations_v1")]
    [InlineData("\"urn:caiso:drrs#SubmitDRRSLocations_v1\"")]
    [InlineData("submitDRRSLocations_v1")]
    public async Task Post_SoapActionHeader_AnswersTheNamedOperation(string soapAction)
    {
        using var response = await _client.SendAsync(SoapMessages.Soap11(SoapMessages.ServicePath, soapAction));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var body = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal("SubmitDRRSLocations_v1Response", body.Name.LocalName);
    }

    [Fact]
    public async Task Post_Soap12Action_AnswersInSoap12()
    {
        using var response = await _client.SendAsync(
            SoapMessages.Soap12(SoapMessages.ServicePath, SoapMessages.Action("retrieveDRRSRegistrations_v1")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/soap+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var body = await SoapMessages.ReadBodyElementAsync(response, SoapMessages.Soap12Namespace);
        Assert.Equal("RetrieveDRRSRegistrations_v1Response", body.Name.LocalName);
    }

    [Fact]
    public async Task Post_Soap12OperationInPath_AnswersInSoap12()
    {
        using var response = await _client.SendAsync(SoapMessages.Soap12($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/soap+xml", response.Content.Headers.ContentType?.MediaType);
        var body = await SoapMessages.ReadBodyElementAsync(response, SoapMessages.Soap12Namespace);
        Assert.Equal("RetrieveDRRSLocations_v1Response", body.Name.LocalName);
    }

    [Fact]
    public async Task Post_NoActionAndNoOperationInPath_AnswersSoapFault()
    {
        using var response = await _client.SendAsync(SoapMessages.Soap11(SoapMessages.ServicePath));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal("Fault", body.Name.LocalName);
    }
}
