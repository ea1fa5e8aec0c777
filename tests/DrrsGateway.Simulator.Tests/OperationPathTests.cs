using System.Net;

namespace DrrsGateway.Simulator.Tests;

public sealed class OperationPathTests : IClassFixture<SimulatorFixture>
{
    private readonly HttpClient _client;

    public OperationPathTests(SimulatorFixture fixture) => _client = fixture.Client;

    public static TheoryData<string> Operations =>
    [
        "SubmitDRRSLocations_v1",
        "RetrieveDRRSLocations_v1",
        "RetrieveDRRSBatchStatus_v1",
        "SubmitDRRSRegistrations_v1",
        "RetrieveDRRSRegistrations_v1",
        "SubmitDRRSLocationReview_v1",
    ];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Post_OperationInPath_AnswersItsResponseElement(string operation)
    {
        using var response = await _client.SendAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/{operation}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var body = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal(operation + "Response", body.Name.LocalName);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Get_OperationInPath_AnswersTheSameResponseElement(string operation)
    {
        using var response = await _client.GetAsync(new Uri($"{SoapMessages.ServicePath}/{operation}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal(operation + "Response", body.Name.LocalName);
    }

    [Theory]
    [InlineData("submitdrrslocations_v1")]
    [InlineData("SUBMITDRRSLOCATIONS_V1")]
    public async Task Post_OperationInAnyCase_AnswersTheCanonicalResponse(string operation)
    {
        using var response = await _client.SendAsync(SoapMessages.Soap11($"/SST/Runtime.asvc/{operation}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal("SubmitDRRSLocations_v1Response", body.Name.LocalName);
    }

    [Fact]
    public async Task Post_PathAndSoapActionDisagree_PathWins()
    {
        using var response = await _client.SendAsync(SoapMessages.Soap11(
            $"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1",
            SoapMessages.Action("submitDRRSRegistrations_v1")));

        var body = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal("RetrieveDRRSLocations_v1Response", body.Name.LocalName);
    }
}
