using System.Net;
using System.Xml.Linq;

namespace DrrsGateway.Simulator.Tests;

public sealed class DispatchTests : IClassFixture<SimulatorFixture>
{
    private const string Wsa10 = "http://www.w3.org/2005/08/addressing";
    private const string Wsa2004 = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    private const string Generic = SoapMessages.ServicePath;

    private readonly HttpClient _client;

    public DispatchTests(SimulatorFixture fixture) => _client = fixture.Client;

    [Theory]
    [InlineData(Wsa10)]
    [InlineData(Wsa2004)]
    public async Task Post_Soap12WsAddressingActionOnly_AnswersTheActionWithReplyHeaders(string wsa)
    {
        // What WCF's Soap12WSAddressing10 sends: no action parameter, the action only in wsa:Action.
        const string messageId = "urn:uuid:0d9c6f4e-1111-4222-8333-444455556666";
        var envelope = AddressedEnvelope(SoapMessages.Soap12Namespace, wsa, SoapMessages.Action("RetrieveDRRSLocations_v1"), messageId);

        using var response = await _client.SendAsync(SoapMessages.Soap12(Generic, action: null, body: envelope));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var header = document.Root!.Element(XName.Get("Header", SoapMessages.Soap12Namespace))!;
        Assert.Equal(SoapMessages.Action("RetrieveDRRSLocations_v1Response"), header.Element(XName.Get("Action", wsa))?.Value);
        Assert.Equal(messageId, header.Element(XName.Get("RelatesTo", wsa))?.Value);
        Assert.Equal("RetrieveDRRSLocations_v1Response", MultipartMessages.BodyElement(document, SoapMessages.Soap12Namespace).Name.LocalName);
    }

    [Fact]
    public async Task Post_UnknownSoapActionButKnownWsAddressingAction_AnswersTheWsAddressingAction()
    {
        var envelope = AddressedEnvelope(SoapMessages.Soap11Namespace, Wsa10, SoapMessages.Action("SubmitDRRSRegistrations_v1"), messageId: null);

        using var response = await _client.SendAsync(SoapMessages.Soap11(Generic, "\"urn:unknown#Whatever\"", envelope));

        var body = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal("SubmitDRRSRegistrations_v1Response", body.Name.LocalName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"\"")]
    [InlineData("\"http://www.caiso.com/soa/NotAnOperation\"")]
    public async Task Post_NoKnownAction_DispatchesOnTheBodyElement(string? soapAction)
    {
        var envelope = SoapMessages.Envelope(SoapMessages.Soap11Namespace, "<RetrieveDRRSRegistrations_v1 xmlns=\"urn:anything\"/>");

        using var response = await _client.SendAsync(SoapMessages.Soap11(Generic, soapAction, envelope));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal("RetrieveDRRSRegistrations_v1Response", body.Name.LocalName);
    }

    [Fact]
    public async Task Post_KnownActionAndOtherBodyElement_ActionWins()
    {
        var envelope = SoapMessages.Envelope(SoapMessages.Soap11Namespace, "<RetrieveDRRSRegistrations_v1/>");

        using var response = await _client.SendAsync(SoapMessages.Soap11(Generic, SoapMessages.Action("RetrieveDRRSLocations_v1"), envelope));

        var body = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal("RetrieveDRRSLocations_v1Response", body.Name.LocalName);
    }

    [Fact]
    public async Task Post_UnknownBodyElementAndNoAction_FaultQuotesTheElement()
    {
        var envelope = SoapMessages.Envelope(SoapMessages.Soap11Namespace, "<DropTables/>");

        using var response = await _client.SendAsync(SoapMessages.Soap11(Generic, body: envelope));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var fault = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Contains("'DropTables'", fault.Element("faultstring")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FaultToWsAddressingRequest_CarriesTheFaultActionAndRelatesTo()
    {
        var envelope = AddressedEnvelope(SoapMessages.Soap11Namespace, Wsa10, "urn:nothing", "urn:uuid:1");

        using var response = await _client.SendAsync(SoapMessages.Soap11(Generic, body: envelope));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var header = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element(XName.Get("Header", SoapMessages.Soap11Namespace))!;
        Assert.Equal("http://www.w3.org/2005/08/addressing/soap/fault", header.Element(XName.Get("Action", Wsa10))?.Value);
        Assert.Equal("urn:uuid:1", header.Element(XName.Get("RelatesTo", Wsa10))?.Value);
    }

    [Fact]
    public async Task Post_NoWsAddressing_AnswersWithoutHeader()
    {
        using var response = await _client.SendAsync(SoapMessages.Soap11($"{Generic}/RetrieveDRRSLocations_v1"));

        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Null(document.Root!.Element(XName.Get("Header", SoapMessages.Soap11Namespace)));
    }

    [Theory]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1;jsessionid=0123ABCD")]
    [InlineData("/sst/runtime.asvc;jsessionid=0123ABCD/RetrieveDRRSLocations_v1")]
    public async Task Post_PathParameter_IsIgnored(string path)
    {
        using var response = await _client.SendAsync(SoapMessages.Soap11(path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal("RetrieveDRRSLocations_v1Response", body.Name.LocalName);
    }

    [Fact]
    public async Task Post_GenericEndpointWithPathParameter_DispatchesOnTheAction()
    {
        using var response = await _client.SendAsync(
            SoapMessages.Soap11("/sst/runtime.asvc;jsessionid=0123ABCD", SoapMessages.Action("SubmitDRRSLocations_v1")));

        var body = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal("SubmitDRRSLocations_v1Response", body.Name.LocalName);
    }

    private static string AddressedEnvelope(string soapNamespace, string wsa, string action, string? messageId) =>
        $"<s:Envelope xmlns:s=\"{soapNamespace}\" xmlns:a=\"{wsa}\"><s:Header>"
        + $"<a:Action s:mustUnderstand=\"1\">{action}</a:Action>"
        + (messageId is null ? string.Empty : $"<a:MessageID>{messageId}</a:MessageID>")
        + "<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>"
        + "</s:Header><s:Body><Request xmlns=\"urn:x\"/></s:Body></s:Envelope>";
}
