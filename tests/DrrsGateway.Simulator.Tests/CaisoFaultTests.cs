using System.Net;
using System.Xml.Linq;
using DrrsGateway.Simulator.Caiso;
using DrrsGateway.Simulator.Soap;

namespace DrrsGateway.Simulator.Tests;

public sealed class CaisoFaultTests : IClassFixture<SimulatorFixture>
{
    private static readonly XNamespace So = CaisoMessages.StandardOutputNamespace;
    private static readonly XNamespace Legacy = CaisoMessages.LegacyStandardOutputNamespace;

    private readonly HttpClient _client;

    public CaisoFaultTests(SimulatorFixture fixture) => _client = fixture.Client;

    [Fact]
    public async Task Post_RefusedAtAccessPoint_AnswersTheContractFaultShape()
    {
        using var response = await _client.SendAsync(CaisoMessages.HelperSubmit("/sst/drrs/SubmitDRRSLocations_DRRSv1_DocAttach_AP", "SubmitDRRSRegistrations_v1"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var fault = await CaisoMessages.ReadBodyElementAsync(response);
        Assert.Equal(XName.Get("Fault", SoapMessages.Soap11Namespace), fault.Name);
        Assert.Equal(["faultcode", "faultstring", "detail"], fault.Elements().Select(e => e.Name.ToString()));
        Assert.Equal("SOAP-ENV:Client", fault.Element("faultcode")!.Value);
        var message = fault.Element("faultstring")!.Value;
        Assert.False(string.IsNullOrWhiteSpace(message));

        var entries = fault.Element("detail")!.Elements().ToList();
        Assert.Equal([So + "StandardOutput", Legacy + "outputDataType"], entries.Select(e => e.Name));
        var eventLog = entries[0].Element(So + "MessagePayload")!.Element(So + "EventLog")!;
        var caisoEvent = eventLog.Element(So + "Event")!;
        Assert.Equal(
            [So + "creationDateTime", So + "description", So + "id", So + "result"],
            caisoEvent.Elements().Select(e => e.Name));
        Assert.Equal(message, caisoEvent.Element(So + "description")!.Value);
        Assert.EndsWith("Z", caisoEvent.Element(So + "creationDateTime")!.Value, StringComparison.Ordinal);
        Assert.Equal([So + "id", So + "name"], eventLog.Element(So + "Service")!.Elements().Select(e => e.Name));

        // Where CAISO's Python helper reads the description.
        var legacyEvent = entries[1].Element(Legacy + "EventLog")!.Element(Legacy + "Event")!;
        Assert.Equal(message, legacyEvent.Element(Legacy + "description")?.Value);
        Assert.Equal(caisoEvent.Element(So + "id")!.Value, legacyEvent.Element(Legacy + "id")?.Value);
        Assert.Equal(caisoEvent.Element(So + "result")!.Value, legacyEvent.Element(Legacy + "result")?.Value);
    }

    [Fact]
    public void Fault_ServerCode_BlamesTheServer()
    {
        var caisoEvent = new CaisoEvent("SIM-1", CaisoFaultWriter.FailureResult, "broken", "op_v1Service", DateTimeOffset.UnixEpoch);

        var fault = CaisoFaultWriter.Fault(SoapVersion.Soap11, CaisoFaultCode.Server, caisoEvent);

        Assert.Equal("SOAP-ENV:Server", fault.Element("faultcode")?.Value);
        Assert.Equal("1970-01-01T00:00:00.000Z", fault.Descendants(So + "creationDateTime").Single().Value);
    }

    [Fact]
    public void Fault_Soap12_CarriesBothEntriesInDetail()
    {
        var caisoEvent = new CaisoEvent("SIM-1", CaisoFaultWriter.FailureResult, "refused", "op_v1Service", DateTimeOffset.UnixEpoch);

        var fault = CaisoFaultWriter.Fault(SoapVersion.Soap12, CaisoFaultCode.Client, caisoEvent);

        XNamespace env = SoapMessages.Soap12Namespace;
        Assert.Equal("SOAP-ENV:Sender", fault.Element(env + "Code")?.Element(env + "Value")?.Value);
        Assert.Equal([So + "StandardOutput", Legacy + "outputDataType"], fault.Element(env + "Detail")!.Elements().Select(e => e.Name));
    }
}
