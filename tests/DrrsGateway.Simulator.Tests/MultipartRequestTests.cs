using System.Net;
using static DrrsGateway.Simulator.Tests.MultipartMessages;

namespace DrrsGateway.Simulator.Tests;

public sealed class MultipartRequestTests : IClassFixture<SimulatorFixture>
{
    private const string Soap11 = SoapMessages.Soap11Namespace;
    private const string Soap12 = SoapMessages.Soap12Namespace;
    private const string Generic = SoapMessages.ServicePath;

    private readonly HttpClient _client;

    public MultipartRequestTests(SimulatorFixture fixture) => _client = fixture.Client;

    [Fact]
    public async Task Post_SwaSoap11_AnswersPlainSoap11()
    {
        using var request = Post(
            Generic,
            $"multipart/related; type=\"text/xml\"; start=\"{RootId}\"; boundary=\"{Boundary}\"",
            Body("text/xml; charset=utf-8", SoapMessages.Envelope(Soap11)),
            SoapMessages.Action("SubmitDRRSLocations_v1"));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var body = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal("SubmitDRRSLocations_v1Response", body.Name.LocalName);
    }

    [Fact]
    public async Task Post_SwaSoap12_AnswersPlainSoap12()
    {
        using var request = Post(
            Generic,
            $"multipart/related; type=\"application/soap+xml\"; start=\"{RootId}\"; boundary=\"{Boundary}\"; action=\"{SoapMessages.Action("SubmitDRRSRegistrations_v1")}\"",
            Body("application/soap+xml; charset=utf-8", SoapMessages.Envelope(Soap12)));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/soap+xml", response.Content.Headers.ContentType?.MediaType);
        var body = await SoapMessages.ReadBodyElementAsync(response, Soap12);
        Assert.Equal("SubmitDRRSRegistrations_v1Response", body.Name.LocalName);
    }

    [Fact]
    public async Task Post_MtomSoap11_AnswersMtomSoap11()
    {
        using var request = Mtom11(Generic, $"\"{SoapMessages.Action("SubmitDRRSLocationReview_v1")}\"", SoapMessages.Envelope(Soap11));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = await ReadMtomRootAsync(response, "text/xml");
        Assert.Equal("SubmitDRRSLocationReview_v1Response", BodyElement(root, Soap11).Name.LocalName);
    }

    [Fact]
    public async Task Post_MtomSoap12ActionParameter_AnswersMtomSoap12()
    {
        // WCF's MtomMessageEncoder puts the SOAP 1.2 action at the top level of the multipart content type.
        using var request = Post(
            Generic,
            $"multipart/related; type=\"application/xop+xml\"; start=\"{RootId}\"; boundary=\"{Boundary}\"; start-info=\"application/soap+xml\"; action=\"{SoapMessages.Action("RetrieveDRRSRegistrations_v1")}\"",
            Body("application/xop+xml;charset=utf-8;type=\"application/soap+xml\"", SoapMessages.Envelope(Soap12)));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = await ReadMtomRootAsync(response, "application/soap+xml");
        Assert.Equal("RetrieveDRRSRegistrations_v1Response", BodyElement(root, Soap12).Name.LocalName);
    }

    [Fact]
    public async Task Post_MtomSoap12ActionInsideStartInfo_AnswersMtomSoap12()
    {
        using var request = Post(
            Generic,
            $"multipart/related; type=\"application/xop+xml\"; start=\"{RootId}\"; boundary=\"{Boundary}\"; start-info=\"application/soap+xml; action=\\\"{SoapMessages.Action("RetrieveDRRSLocations_v1")}\\\"\"",
            Body("application/xop+xml;charset=utf-8;type=\"application/soap+xml\"", SoapMessages.Envelope(Soap12)));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = await ReadMtomRootAsync(response, "application/soap+xml");
        Assert.Equal("RetrieveDRRSLocations_v1Response", BodyElement(root, Soap12).Name.LocalName);
    }

    [Fact]
    public async Task Post_MtomSoap12ActionInRootPart_AnswersTheNamedOperation()
    {
        // JAX-WS clients name the action in the root part's type parameter.
        using var request = Post(
            Generic,
            $"multipart/related; type=\"application/xop+xml\"; start=\"{RootId}\"; boundary=\"{Boundary}\"; start-info=\"application/soap+xml\"",
            Body($"application/xop+xml; charset=utf-8; type=\"application/soap+xml; action=\\\"{SoapMessages.Action("RetrieveDRRSBatchStatus_v1")}\\\"\"", SoapMessages.Envelope(Soap12)));

        using var response = await _client.SendAsync(request);

        var root = await ReadMtomRootAsync(response, "application/soap+xml");
        Assert.Equal("RetrieveDRRSBatchStatus_v1Response", BodyElement(root, Soap12).Name.LocalName);
    }

    [Fact]
    public async Task Post_MtomWithoutStart_ReadsTheFirstPartAsTheEnvelope()
    {
        var batchId = Guid.NewGuid();
        var envelope = SoapMessages.Envelope(Soap11, $"<RetrieveDRRSBatchStatus_v1 xmlns=\"urn:x\"><batchId>{batchId}</batchId></RetrieveDRRSBatchStatus_v1>");
        using var request = Post(
            Generic,
            $"multipart/related; type=\"application/xop+xml\"; boundary=\"{Boundary}\"; start-info=\"text/xml\"",
            Body("application/xop+xml; charset=utf-8; type=\"text/xml\"", envelope, attachment: null));

        using var response = await _client.SendAsync(request);

        // No SOAPAction: dispatched on the Body element of the first part, which also supplies the batch id.
        var body = BodyElement(await ReadMtomRootAsync(response, "text/xml"), Soap11);
        Assert.Equal("RetrieveDRRSBatchStatus_v1Response", body.Name.LocalName);
        Assert.Equal(batchId.ToString(), body.Element(body.Name.Namespace + "batchId")?.Value);
    }

    [Fact]
    public async Task Post_MtomRootAfterAttachment_ReadsThePartNamedByStart()
    {
        var envelope = SoapMessages.Envelope(Soap11, "<SubmitDRRSLocations_v1 xmlns=\"urn:x\"/>");

        using var response = await _client.SendAsync(Mtom11(Generic, soapAction: null, envelope));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("SubmitDRRSLocations_v1Response", BodyElement(await ReadMtomRootAsync(response, "text/xml"), Soap11).Name.LocalName);
    }

    [Fact]
    public async Task Post_MtomUnknownOperation_AnswersMtomFault500()
    {
        using var response = await _client.SendAsync(Mtom11(Generic, SoapMessages.Action("Nope_v1"), SoapMessages.Envelope(Soap11)));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Fault", BodyElement(await ReadMtomRootAsync(response, "text/xml"), Soap11).Name.LocalName);
    }
}
