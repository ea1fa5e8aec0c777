using System.Net;
using System.Xml.Linq;

namespace DrrsGateway.Simulator.Tests;

public sealed class AccessPointCallTests : IClassFixture<SimulatorFixture>
{
    private static readonly XNamespace So = CaisoMessages.StandardOutputNamespace;

    private readonly HttpClient _client;

    public AccessPointCallTests(SimulatorFixture fixture) => _client = fixture.Client;

    /// <summary>Every access point of both generations, plain and DocAttach, with the call CAISO's clients make to it.</summary>
    public static TheoryData<string, string, bool> AccessPoints()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (operation, accessPoint, _) in CaisoMessages.Operations)
        {
            data.Add(operation, accessPoint, false);
            data.Add(operation, accessPoint, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AccessPoints))]
    public async Task Post_CaisoShapedCall_Answers200(string operation, string accessPoint, bool docAttach)
    {
        var body = CaisoMessages.Operations.Single(o => o.Operation == operation).Body;
        var isSubmit = body == CaisoRequestBody.Submission;
        using var request = docAttach
            ? CaisoMessages.Plain(CaisoMessages.Path(CaisoMessages.DocAttach(accessPoint)), $"{CaisoMessages.ActionPrefix}{operation}_DocAttach", CaisoMessages.BodyElement(body))
            : isSubmit
                ? CaisoMessages.HelperSubmit(CaisoMessages.Path(accessPoint), operation)
                : CaisoMessages.Plain(CaisoMessages.Path(accessPoint), CaisoMessages.ActionPrefix + operation, CaisoMessages.BodyElement(body));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var answer = await CaisoMessages.ReadBodyElementAsync(response);
        if (isSubmit)
        {
            Assert.Equal(So + "StandardOutput", answer.Name);
            Assert.Equal("Success", answer.Descendants(So + "result").Single().Value);
        }
        else
        {
            Assert.Equal(operation + "Response", answer.Name.LocalName);
            Assert.NotEmpty(answer.Elements());
        }
    }

    [Fact]
    public async Task Post_HelperShapedSubmitWithEmptyBody_AnswersStandardOutputSuccess()
    {
        using var response = await _client.SendAsync(CaisoMessages.HelperSubmit("/sst/drrs/SubmitDRLocations_DRRSv1_AP", "submitDRLocations_v1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await CaisoMessages.ReadBodyElementAsync(response);
        var eventLog = answer.Element(So + "MessagePayload")!.Element(So + "EventLog")!;
        Assert.Equal("Success", eventLog.Element(So + "Event")!.Element(So + "result")?.Value);
        Assert.True(Guid.TryParse(eventLog.Element(So + "Batch")?.Element(So + "mRID")?.Value, out _));
        Assert.Equal("submitDRLocations_v1Service", eventLog.Element(So + "Service")?.Element(So + "name")?.Value);
    }

    [Theory]
    [InlineData("http://www.caiso.com/soa/retrieveDRLocations_v1")]
    [InlineData("\"http://www.caiso.com/soa/RETRIEVEDRLOCATIONS_V1_DOCATTACH\"")]
    [InlineData("\"\"")]
    public async Task Post_SoapActionOfTheSameOperation_Answers200(string soapAction)
    {
        using var response = await _client.SendAsync(
            CaisoMessages.Plain("/sst/drrs/RetrieveDRLocations_DRRSv1_AP", soapAction, CaisoMessages.BodyElement(CaisoRequestBody.RegistrationQuery)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_AccessPointInOtherCaseWithPathParameter_AnswersItsOperation()
    {
        using var response = await _client.SendAsync(CaisoMessages.Plain(
            "/SST/DRRS/retrievedrrsbatchstatus_drrsv1_ap;jsessionid=0123ABCD",
            CaisoMessages.ActionPrefix + "RetrieveDRRSBatchStatus_v1",
            CaisoMessages.BodyElement(CaisoRequestBody.BatchStatusQuery)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("RetrieveDRRSBatchStatus_v1Response", (await CaisoMessages.ReadBodyElementAsync(response)).Name.LocalName);
    }

    [Fact]
    public async Task Post_SoapActionOfAnotherOperation_Answers500CaisoClientFault()
    {
        using var response = await _client.SendAsync(CaisoMessages.Plain(
            "/sst/drrs/RetrieveDRLocations_DRRSv1_AP",
            CaisoMessages.ActionPrefix + "retrieveDRRegistrations_v1",
            CaisoMessages.BodyElement(CaisoRequestBody.RegistrationQuery)));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var fault = await CaisoMessages.ReadBodyElementAsync(response);
        Assert.Equal("SOAP-ENV:Client", fault.Element("faultcode")?.Value);
        Assert.Contains("retrieveDRRegistrations_v1", fault.Element("faultstring")?.Value, StringComparison.Ordinal);
        Assert.Equal(So + "StandardOutput", fault.Element("detail")?.Elements().First().Name);
    }

    [Fact]
    public async Task Post_Soap12_Answers500CaisoFault()
    {
        using var response = await _client.SendAsync(SoapMessages.Soap12("/sst/drrs/RetrieveDRLocations_DRRSv1_AP"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var fault = await SoapMessages.ReadBodyElementAsync(response, SoapMessages.Soap12Namespace);
        XNamespace env = SoapMessages.Soap12Namespace;
        Assert.Equal("SOAP-ENV:Sender", fault.Element(env + "Code")?.Element(env + "Value")?.Value);
        Assert.Equal(So + "StandardOutput", fault.Element(env + "Detail")?.Elements().First().Name);
    }

    [Fact]
    public async Task Get_AccessPointWithoutWsdl_Answers405()
    {
        using var response = await _client.GetAsync(new Uri("/sst/drrs/RetrieveDRLocations_DRRSv1_AP", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task Post_UnknownAccessPoint_Answers404()
    {
        using var response = await _client.SendAsync(CaisoMessages.Plain("/sst/drrs/DeleteEverything_DRRSv1_AP", CaisoMessages.ActionPrefix + "x", string.Empty));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
