using System.Net;
using System.Xml.Linq;

namespace DrrsGateway.Simulator.Tests;

public sealed class SoapFaultTests : IClassFixture<SimulatorFixture>
{
    private static readonly XNamespace Soap11 = SoapMessages.Soap11Namespace;
    private static readonly XNamespace Soap12 = SoapMessages.Soap12Namespace;

    private readonly HttpClient _client;

    public SoapFaultTests(SimulatorFixture fixture) => _client = fixture.Client;

    [Fact]
    public async Task Post_UnknownOperationInPath_Answers500WithSoap11ClientFault()
    {
        using var response = await _client.SendAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/DeleteEverything_v1"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var fault = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal(Soap11 + "Fault", fault.Name);
        Assert.Equal("soap:Client", fault.Element("faultcode")?.Value);
        Assert.Contains("DeleteEverything_v1", fault.Element("faultstring")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownSoapAction_Answers500WithSoapFault()
    {
        using var response = await _client.SendAsync(
            SoapMessages.Soap11(SoapMessages.ServicePath, SoapMessages.Action("submitNothing_v1")));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var fault = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal(Soap11 + "Fault", fault.Name);
    }

    [Fact]
    public async Task Post_UnknownSoap12Action_Answers500WithSoap12SenderFault()
    {
        using var response = await _client.SendAsync(
            SoapMessages.Soap12(SoapMessages.ServicePath, SoapMessages.Action("submitNothing_v1")));

        // 500 as DRRS answers, so that WCF reads the fault (it treats a 400 as a ProtocolException).
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/soap+xml", response.Content.Headers.ContentType?.MediaType);
        var fault = await SoapMessages.ReadBodyElementAsync(response, SoapMessages.Soap12Namespace);
        Assert.Equal(Soap12 + "Fault", fault.Name);
        Assert.Equal("soap:Sender", fault.Element(Soap12 + "Code")?.Element(Soap12 + "Value")?.Value);
    }

    [Fact]
    public async Task Post_UnknownOperationWithMarkup_QuotesOnlySafeCharacters()
    {
        using var response = await _client.SendAsync(
            SoapMessages.Soap11(SoapMessages.ServicePath, "\"http://www.caiso.com/soa/evil<b>&amp;_v1\""));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var fault = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Contains("'evilbamp_v1'", fault.Element("faultstring")?.Value, StringComparison.Ordinal);
    }
}
