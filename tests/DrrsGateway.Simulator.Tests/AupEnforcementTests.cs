using System.Net;
using System.Xml.Linq;

namespace DrrsGateway.Simulator.Tests;

/// <summary>The simulator enforcing CAISO's policy on its own clock, as real DRRS does behind any gateway.</summary>
public sealed class AupEnforcementTests : IClassFixture<AupSimulatorFixture>
{
    private static readonly XNamespace So = CaisoMessages.StandardOutputNamespace;

    private readonly AupSimulatorFixture _fixture;
    private readonly HttpClient _client;

    public AupEnforcementTests(AupSimulatorFixture fixture)
    {
        _fixture = fixture;
        _client = fixture.Client;
    }

    [Fact]
    public async Task Post_WorkedTimeline_AnswersAsDrrsMd()
    {
        const string User = "timeline";

        Assert.Equal(200, await AupCalls.StatusAsync(_client, AupCalls.Retrieve(AupCalls.RetrieveLocations, User)));
        _fixture.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(500, await AupCalls.StatusAsync(_client, AupCalls.Retrieve(AupCalls.RetrieveLocations, User)));
        _fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(200, await AupCalls.StatusAsync(_client, AupCalls.Retrieve(AupCalls.RetrieveRegistrations, User)));
        _fixture.Clock.Advance(TimeSpan.FromSeconds(23));
        Assert.Equal(500, await AupCalls.StatusAsync(_client, AupCalls.Retrieve(AupCalls.RetrieveLocations, User)));
        _fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(200, await AupCalls.StatusAsync(_client, AupCalls.Retrieve(AupCalls.RetrieveLocations, User)));

        Assert.Equal((3, 2), await AupCalls.CountsAsync(_client, User));
        var operations = (await AupCalls.ReportAsync(_client, User)).GetProperty("operations");
        Assert.Equal(2, operations.GetProperty("retrievedrlocations_v1").GetProperty("refused").GetInt64());
        Assert.Equal(1, operations.GetProperty("retrievedrregistrations_v1").GetProperty("executed").GetInt64());
    }

    [Fact]
    public async Task Post_PlainThenDocAttachAccessPoint_IsOneService()
    {
        const string User = "docattach";

        Assert.Equal(200, await AupCalls.StatusAsync(_client, AupCalls.Retrieve(AupCalls.RetrieveLocations, User)));
        Assert.Equal(500, await AupCalls.StatusAsync(_client, AupCalls.Retrieve(CaisoMessages.DocAttach(AupCalls.RetrieveLocations), User)));

        Assert.Equal((1, 1), await AupCalls.CountsAsync(_client, User));
    }

    [Fact]
    public async Task Post_RuntimePathThenAccessPointOfTheOperation_IsOneService()
    {
        const string User = "runtime";
        var runtime = AupCalls.As(SoapMessages.Soap11($"{SoapMessages.ServicePath}/retrieveDRRSLocations_v1;jsessionid=1"), User);

        Assert.Equal(200, await AupCalls.StatusAsync(_client, runtime));
        Assert.Equal(500, await AupCalls.StatusAsync(_client, AupCalls.Retrieve("RetrieveDRRSLocations_DRRSv1_AP", User)));
    }

    [Fact]
    public async Task Post_OtherUserInTheWindow_IsAnswered()
    {
        Assert.Equal(200, await AupCalls.StatusAsync(_client, AupCalls.Retrieve(AupCalls.RetrieveLocations, "first")));

        Assert.Equal(200, await AupCalls.StatusAsync(_client, AupCalls.Retrieve(AupCalls.RetrieveLocations, "second")));
    }

    [Fact]
    public async Task Post_NoUser_SharesTheAnonymousWindow()
    {
        Assert.Equal(200, await AupCalls.StatusAsync(_client, AupCalls.Retrieve("RetrieveDRRSBatchStatus_DRRSv1_AP", user: null)));

        Assert.Equal(500, await AupCalls.StatusAsync(_client, AupCalls.Retrieve("RetrieveDRRSBatchStatus_DRRSv1_AP", user: null)));
        Assert.Equal((1, 1), await AupCalls.CountsAsync(_client, string.Empty));
    }

    [Fact]
    public async Task Post_RefusedSoap11_AnswersCaisoFaultWithTheExactMessage()
    {
        const string User = "fault11";
        await AupCalls.StatusAsync(_client, AupCalls.Retrieve(AupCalls.RetrieveLocations, User));

        using var response = await _client.SendAsync(AupCalls.Retrieve(AupCalls.RetrieveLocations, User));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var fault = await CaisoMessages.ReadBodyElementAsync(response);
        Assert.Equal("SOAP-ENV:Client", fault.Element("faultcode")?.Value);
        Assert.Equal(AupCalls.Message, fault.Element("faultstring")?.Value);
        var standardOutput = fault.Element("detail")!.Elements().First();
        Assert.Equal(So + "StandardOutput", standardOutput.Name);
        var eventLog = standardOutput.Element(So + "MessagePayload")!.Element(So + "EventLog")!;
        Assert.Equal(AupCalls.Message, eventLog.Element(So + "Event")!.Element(So + "description")?.Value);
        Assert.Equal("SIM-AUP-VIOLATION", eventLog.Element(So + "Event")!.Element(So + "id")?.Value);
        Assert.Equal("retrieveDRLocations_v1Service", eventLog.Element(So + "Service")!.Element(So + "name")?.Value);
    }

    [Fact]
    public async Task Post_RefusedSoap12_AnswersSoap12Fault()
    {
        const string User = "fault12";
        var path = $"{SoapMessages.ServicePath}/RetrieveDRRSRegistrations_v1";
        await AupCalls.StatusAsync(_client, AupCalls.As(SoapMessages.Soap12(path), User));

        using var response = await _client.SendAsync(AupCalls.As(SoapMessages.Soap12(path), User));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/soap+xml", response.Content.Headers.ContentType?.MediaType);
        XNamespace env = SoapMessages.Soap12Namespace;
        var fault = await SoapMessages.ReadBodyElementAsync(response, SoapMessages.Soap12Namespace);
        Assert.Equal("SOAP-ENV:Sender", fault.Element(env + "Code")?.Element(env + "Value")?.Value);
        Assert.Equal(AupCalls.Message, fault.Element(env + "Reason")?.Element(env + "Text")?.Value);
        Assert.Equal(So + "StandardOutput", fault.Element(env + "Detail")!.Elements().First().Name);
    }

    [Fact]
    public async Task Get_RefusedNonSoapCall_Answers429WithTheMessageAsText()
    {
        const string User = "plain";
        var path = $"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1";
        await AupCalls.StatusAsync(_client, AupCalls.As(new HttpRequestMessage(HttpMethod.Get, path), User));

        using var response = await _client.SendAsync(AupCalls.As(new HttpRequestMessage(HttpMethod.Get, path), User));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AupCalls.Message, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/sst/drrs/RetrieveDRLocations_DRRSv1_AP?wsdl")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1?wsdl")]
    [InlineData("/sst/runtime.asvc?xsd=1")]
    [InlineData("/healthz")]
    public async Task Get_MetadataAndHealth_AreNeitherLimitedNorCounted(string path)
    {
        var user = "metadata" + path.GetHashCode(StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, await AupCalls.StatusAsync(_client, AupCalls.As(new HttpRequestMessage(HttpMethod.Get, path), user)));
        }

        Assert.Equal(200, await AupCalls.StatusAsync(_client, AupCalls.Retrieve(AupCalls.RetrieveLocations, user)));
        Assert.Equal((1, 0), await AupCalls.CountsAsync(_client, user));
    }

    [Fact]
    public async Task Post_32SimultaneousCallsOfOneKey_ExecutesExactlyOne()
    {
        const string User = "flood";

        var statuses = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => AupCalls.StatusAsync(_client, AupCalls.Retrieve(AupCalls.RetrieveLocations, User))));

        Assert.Single(statuses, status => status == 200);
        Assert.Equal((1, 31), await AupCalls.CountsAsync(_client, User));
    }

    [Fact]
    public async Task Get_Calls_ListsEachCallWithItsOutcome()
    {
        const string User = "ledger";
        await AupCalls.StatusAsync(_client, AupCalls.Retrieve(AupCalls.RetrieveLocations, User));
        await AupCalls.StatusAsync(_client, AupCalls.Retrieve(AupCalls.RetrieveLocations, User));

        var calls = (await AupCalls.ReportAsync(_client, User)).GetProperty("calls").EnumerateArray().ToList();

        Assert.Equal(["Executed", "Refused"], calls.Select(call => call.GetProperty("outcome").GetString()));
        Assert.All(calls, call => Assert.Equal("retrievedrlocations_v1", call.GetProperty("operation").GetString()));
        Assert.All(calls, call => Assert.Null(call.GetProperty("certificateSubject").GetString()));
    }
}
