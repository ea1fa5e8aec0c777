using System.Net;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace DrrsGateway.Simulator.Tests;

public sealed class AccessPointWsdlTests : IClassFixture<SimulatorFixture>
{
    private static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/wsdl/soap/";
    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";
    private static readonly XNamespace So = CaisoMessages.StandardOutputNamespace;

    private readonly HttpClient _client;

    public AccessPointWsdlTests(SimulatorFixture fixture) => _client = fixture.Client;

    [Theory]
    [InlineData("RetrieveDRLocations_DRRSv1_AP", "retrieveDRLocations_v1", "retrieveDRLocationsServicePort", "{http://www.caiso.com/soa/RequestDRRegistrationData_v1.xsd#}RequestDRRegistrationData")]
    [InlineData("RetrieveDRLocations_DRRSv1_DocAttach_AP", "retrieveDRLocations_v1_DocAttach", "retrieveDRLocations_DocAttachServicePort", "{http://www.caiso.com/soa/RequestDRRegistrationData_v1.xsd#}RequestDRRegistrationData")]
    [InlineData("SubmitDRRegistrations_DRRSv1_DocAttach_AP", "submitDRRegistrations_v1_DocAttach", "submitDRRegistrations_DocAttachServicePort", "{http://www.caiso.com/soa/2006-10-26/ISOAttachment.xsd}ISOAttachment")]
    [InlineData("RetrieveDRRSBatchStatus_DRRSv1_AP", "RetrieveDRRSBatchStatus_v1", "RetrieveDRRSBatchStatusServicePort", "{http://www.caiso.com/soa/BatchValidationStatus_v1.xsd#}BatchValidationStatus")]
    [InlineData("SubmitDRRSLocations_DRRSv1_AP", "SubmitDRRSLocations_v1", "SubmitDRRSLocationsServicePort", null)]
    [InlineData("SubmitDRRSLocations_DRRSv1_DocAttach_AP", "SubmitDRRSLocations_v1_DocAttach", "SubmitDRRSLocations_DocAttachServicePort", "{http://www.caiso.com/soa/2006-10-26/ISOAttachment.xsd}ISOAttachment")]
    public async Task Get_AccessPointWsdl_HasTheContractNames(string accessPoint, string designation, string portName, string? requestElement)
    {
        var root = (await GetWsdlAsync($"/sst/drrs/{accessPoint}?wsdl")).Root!;

        Assert.Equal(Wsdl + "definitions", root.Name);
        Assert.Equal($"http://www.caiso.com/soa/{designation}.wsdl", root.Attribute("targetNamespace")?.Value);
        var portType = Assert.Single(root.Elements(Wsdl + "portType"));
        Assert.Equal(designation, portType.Attribute("name")?.Value);
        var operation = Assert.Single(portType.Elements(Wsdl + "operation"));
        Assert.Equal(designation, operation.Attribute("name")?.Value);
        var fault = Assert.Single(operation.Elements(Wsdl + "fault"));
        Assert.Equal("faultReturnType", fault.Attribute("name")?.Value);
        Assert.Equal(So + "StandardOutput", PartElements(root, fault.Attribute("message")!.Value).Single());
        Assert.Equal("fault", Message(root, "tns:faultReturnType").Element(Wsdl + "part")?.Attribute("name")?.Value);
        Assert.Equal(
            requestElement is null ? [] : [XName.Get(requestElement)],
            PartElements(root, operation.Element(Wsdl + "input")!.Attribute("message")!.Value));

        var binding = Assert.Single(root.Elements(Wsdl + "binding"));
        Assert.Equal("document", binding.Element(Soap + "binding")?.Attribute("style")?.Value);
        var boundOperation = Assert.Single(binding.Elements(Wsdl + "operation"));
        Assert.Equal(CaisoMessages.ActionPrefix + designation, boundOperation.Element(Soap + "operation")?.Attribute("soapAction")?.Value);
        var soapFault = boundOperation.Element(Wsdl + "fault")?.Element(Soap + "fault");
        Assert.Equal("faultReturnType", soapFault?.Attribute("name")?.Value);
        Assert.Equal("literal", soapFault?.Attribute("use")?.Value);

        var service = Assert.Single(root.Elements(Wsdl + "service"));
        Assert.Equal(designation + "Service", service.Attribute("name")?.Value);
        var port = Assert.Single(service.Elements(Wsdl + "port"));
        Assert.Equal(portName, port.Attribute("name")?.Value);
        Assert.Equal(_client.BaseAddress + $"sst/drrs/{accessPoint}", port.Element(Soap + "address")?.Attribute("location")?.Value);
    }

    [Fact]
    public async Task Get_UpperCaseWsdlQuery_AnswersTheWsdl()
    {
        var root = (await GetWsdlAsync("/sst/drrs/SubmitDRLocations_DRRSv1_AP?WSDL")).Root!;

        Assert.Equal("submitDRLocations_v1Service", root.Element(Wsdl + "service")?.Attribute("name")?.Value);
    }

    [Fact]
    public async Task Head_AccessPointWsdl_AnswersItsLengthWithoutBody()
    {
        using var head = new HttpRequestMessage(HttpMethod.Head, "/sst/drrs/RetrieveDRRegistrations_DRRSv1_DocAttach_AP?wsdl");
        using var response = await _client.SendAsync(head);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Content.Headers.ContentLength > 0);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("RetrieveDRLocations_DRRSv1_AP", "retrieveDRLocations_v1", CaisoRequestBody.RegistrationQuery)]
    [InlineData("RetrieveDRRSBatchStatus_DRRSv1_DocAttach_AP", "RetrieveDRRSBatchStatus_v1_DocAttach", CaisoRequestBody.BatchStatusQuery)]
    [InlineData("SubmitDRRSLocationReview_DRRSv1_DocAttach_AP", "SubmitDRRSLocationReview_v1_DocAttach", CaisoRequestBody.Submission)]
    public async Task Post_Answer_IsValidAgainstTheWsdlSchemas(string accessPoint, string designation, CaisoRequestBody body)
    {
        var wsdl = await GetWsdlAsync($"/sst/drrs/{accessPoint}?wsdl");
        var schemas = new XmlSchemaSet { XmlResolver = null };
        foreach (var schema in wsdl.Root!.Element(Wsdl + "types")!.Elements(Xsd + "schema"))
        {
            using var reader = schema.CreateReader();
            schemas.Add(XmlSchema.Read(reader, null)!);
        }

        schemas.Compile();

        using var response = await _client.SendAsync(
            CaisoMessages.Plain($"/sst/drrs/{accessPoint}", CaisoMessages.ActionPrefix + designation, CaisoMessages.BodyElement(body)));
        var answer = new XDocument(await CaisoMessages.ReadBodyElementAsync(response));
        var errors = new List<string>();
        answer.Validate(schemas, (_, e) => errors.Add(e.Message));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Get_AccessPointSchemaQuery_Answers404()
    {
        using var response = await _client.GetAsync(new Uri("/sst/drrs/RetrieveDRLocations_DRRSv1_AP?xsd=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<XDocument> GetWsdlAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XDocument.Load(reader);
    }

    private static XElement Message(XElement root, string qualifiedName) =>
        root.Elements(Wsdl + "message").Single(m => m.Attribute("name")?.Value == qualifiedName.Split(':')[1]);

    // Each part's element as a resolved QName, so the test does not depend on the WSDL's prefixes.
    private static IEnumerable<XName> PartElements(XElement root, string messageName) =>
        Message(root, messageName).Elements(Wsdl + "part").Select(part =>
        {
            var (prefix, local) = (part.Attribute("element")!.Value.Split(':')[0], part.Attribute("element")!.Value.Split(':')[1]);
            return part.GetNamespaceOfPrefix(prefix)! + local;
        });
}
