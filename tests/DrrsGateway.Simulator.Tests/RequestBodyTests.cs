using System.Net;
using System.Xml.Linq;

namespace DrrsGateway.Simulator.Tests;

public sealed class RequestBodyTests : IClassFixture<SimulatorFixture>
{
    private readonly HttpClient _client;

    public RequestBodyTests(SimulatorFixture fixture) => _client = fixture.Client;

    [Theory]
    [InlineData("<soap:Envelope><unclosed>")]
    [InlineData("not xml at all")]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>")]
    [InlineData("")]
    public async Task Post_BodyIsNotUsableXml_StillAnswersTheOperation(string body)
    {
        using var response = await _client.SendAsync(
            SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSBatchStatus_v1", body: body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var element = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal("RetrieveDRRSBatchStatus_v1Response", element.Name.LocalName);
    }

    [Fact]
    public async Task Post_BatchStatusForBatchId_EchoesTheBatchId()
    {
        var batchId = Guid.NewGuid();
        var envelope = SoapMessages.Envelope(
            SoapMessages.Soap11Namespace,
            $"<RetrieveDRRSBatchStatus_v1 xmlns=\"urn:example\"><BatchID>{batchId}</BatchID></RetrieveDRRSBatchStatus_v1>");

        using var response = await _client.SendAsync(
            SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSBatchStatus_v1", body: envelope));

        var element = await SoapMessages.ReadBodyElementAsync(response);
        var ns = element.Name.Namespace;
        Assert.Equal(batchId, Guid.Parse(element.Element(ns + "batchId")!.Value));
        Assert.Equal("Completed", element.Element(ns + "status")?.Value);
    }

    [Fact]
    public async Task Post_BatchIdIsNotAGuid_IsNotEchoed()
    {
        var envelope = SoapMessages.Envelope(SoapMessages.Soap11Namespace, "<q><batchId>&lt;script&gt;</batchId></q>");

        using var response = await _client.SendAsync(
            SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSBatchStatus_v1", body: envelope));

        var element = await SoapMessages.ReadBodyElementAsync(response);
        Assert.True(Guid.TryParse(element.Element(element.Name.Namespace + "batchId")?.Value, out _));
    }

    [Theory]
    [InlineData("SubmitDRRSLocations_v1")]
    [InlineData("SubmitDRRSRegistrations_v1")]
    [InlineData("SubmitDRRSLocationReview_v1")]
    public async Task Post_Submit_AnswersNewBatchIdReceived(string operation)
    {
        using var response = await _client.SendAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/{operation}"));

        var element = await SoapMessages.ReadBodyElementAsync(response);
        XNamespace ns = element.Name.Namespace;
        Assert.True(Guid.TryParse(element.Element(ns + "batchId")?.Value, out _));
        Assert.Equal("Received", element.Element(ns + "status")?.Value);
    }

    [Theory]
    [InlineData("RetrieveDRRSLocations_v1", "locations", "location")]
    [InlineData("RetrieveDRRSRegistrations_v1", "registrations", "registration")]
    public async Task Post_Retrieve_AnswersAShortList(string operation, string list, string item)
    {
        using var response = await _client.SendAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/{operation}"));

        var element = await SoapMessages.ReadBodyElementAsync(response);
        var ns = element.Name.Namespace;
        Assert.NotEmpty(element.Element(ns + list)!.Elements(ns + item));
    }
}
