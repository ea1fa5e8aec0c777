using System.Net;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace DrrsGateway.Simulator.Tests;

public sealed class WsdlTests : IClassFixture<SimulatorFixture>
{
    private const string Tns = "urn:drrs-gateway:simulator";
    private static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    private static readonly XNamespace Soap11Wsdl = "http://schemas.xmlsoap.org/wsdl/soap/";
    private static readonly XNamespace Soap12Wsdl = "http://schemas.xmlsoap.org/wsdl/soap12/";
    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";

    private readonly HttpClient _client;

    public WsdlTests(SimulatorFixture fixture) => _client = fixture.Client;

    [Theory]
    [InlineData("?wsdl")]
    [InlineData("?WSDL")]
    [InlineData("?Wsdl=")]
    public async Task Get_OperationWsdl_DescribesThatOperationOnBothBindings(string query)
    {
        var wsdl = await GetXmlAsync($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1{query}");

        var root = wsdl.Root!;
        Assert.Equal(Wsdl + "definitions", root.Name);
        Assert.Equal(Tns, root.Attribute("targetNamespace")?.Value);
        var operation = Assert.Single(root.Element(Wsdl + "portType")!.Elements(Wsdl + "operation"));
        Assert.Equal("RetrieveDRRSLocations_v1", operation.Attribute("name")?.Value);
        Assert.Equal(
            ["DrrsSoap11Binding", "DrrsSoap12Binding"],
            root.Elements(Wsdl + "binding").Select(b => b.Attribute("name")!.Value));
        Assert.Equal(
            SoapMessages.Action("RetrieveDRRSLocations_v1"),
            root.Elements(Wsdl + "binding").First().Descendants(Soap11Wsdl + "operation").Single().Attribute("soapAction")?.Value);
        Assert.Equal(
            SoapMessages.Action("RetrieveDRRSLocations_v1"),
            root.Elements(Wsdl + "binding").Last().Descendants(Soap12Wsdl + "operation").Single().Attribute("soapAction")?.Value);

        var service = root.Element(Wsdl + "service")!;
        Assert.Equal("DrrsService", service.Attribute("name")?.Value);
        var address = _client.BaseAddress + "sst/runtime.asvc/RetrieveDRRSLocations_v1";
        Assert.Equal(address, Port(service, "DrrsSoap11Port").Element(Soap11Wsdl + "address")?.Attribute("location")?.Value);
        Assert.Equal(address, Port(service, "DrrsSoap12Port").Element(Soap12Wsdl + "address")?.Attribute("location")?.Value);
        Assert.Equal(address + "?xsd=1", SchemaImport(wsdl));
    }

    [Fact]
    public async Task Get_ServiceWsdl_DescribesAllSixOperations()
    {
        var wsdl = await GetXmlAsync($"{SoapMessages.ServicePath}?wsdl");

        var names = wsdl.Root!.Element(Wsdl + "portType")!.Elements(Wsdl + "operation").Select(o => o.Attribute("name")!.Value);
        Assert.Equal(SoapMessages.OperationNames.Order(), names.Order());
        var address = _client.BaseAddress + "sst/runtime.asvc";
        Assert.All(
            wsdl.Root.Element(Wsdl + "service")!.Elements(Wsdl + "port"),
            port => Assert.Equal(address, port.Elements().Single().Attribute("location")?.Value));
    }

    [Fact]
    public async Task Get_WsdlBehindProxy_AddressesTheProxy()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{SoapMessages.ServicePath}/SubmitDRRSLocations_v1?wsdl");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "gateway.example.test:8443");
        request.Headers.Add("X-Forwarded-Prefix", "/drrs/");

        var wsdl = await SendForXmlAsync(request);

        const string address = "https://gateway.example.test:8443/drrs/sst/runtime.asvc/SubmitDRRSLocations_v1";
        Assert.All(
            wsdl.Root!.Element(Wsdl + "service")!.Elements(Wsdl + "port"),
            port => Assert.Equal(address, port.Elements().Single().Attribute("location")?.Value));
        Assert.Equal(address + "?xsd=1", SchemaImport(wsdl));
    }

    [Theory]
    [InlineData("X-Forwarded-Host", "evil.test/path")]
    [InlineData("X-Forwarded-Host", "user@evil.test")]
    [InlineData("X-Forwarded-Proto", "javascript")]
    [InlineData("X-Forwarded-Prefix", "no-leading-slash")]
    [InlineData("X-Forwarded-Prefix", "//evil.test")]
    public async Task Get_WsdlWithUnusableForwardedHeader_IgnoresIt(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{SoapMessages.ServicePath}?wsdl");
        request.Headers.TryAddWithoutValidation(header, value);

        var wsdl = await SendForXmlAsync(request);

        Assert.Equal(_client.BaseAddress + "sst/runtime.asvc?xsd=1", SchemaImport(wsdl));
    }

    [Fact]
    public async Task Get_Schema_DeclaresWrappersThatValidateEveryCannedAnswer()
    {
        var schemas = new XmlSchemaSet { XmlResolver = null };
        using (var stream = await _client.GetStreamAsync(new Uri($"{SoapMessages.ServicePath}?xsd=1", UriKind.Relative)))
        using (var reader = XmlReader.Create(stream, Prohibited()))
        {
            schemas.Add(XmlSchema.Read(reader, null)!);
        }

        schemas.Compile();

        foreach (var operation in SoapMessages.OperationNames)
        {
            Assert.NotNull(schemas.GlobalElements[new XmlQualifiedName(operation, Tns)]);
            using var response = await _client.SendAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/{operation}"));
            var answer = new XDocument(await SoapMessages.ReadBodyElementAsync(response));
            var errors = new List<string>();
            answer.Validate(schemas, (_, e) => errors.Add(e.Message));
            Assert.Empty(errors);
        }
    }

    [Fact]
    public async Task Get_SubmitSchema_HasAnOptionalMtomAttachment()
    {
        var schema = await GetXmlAsync($"{SoapMessages.ServicePath}/SubmitDRRSLocations_v1?xsd=1");

        var request = schema.Root!.Elements(Xsd + "element").Single(e => e.Attribute("name")?.Value == "SubmitDRRSLocations_v1");
        var attachment = request.Descendants(Xsd + "element").Single(e => e.Attribute("name")?.Value == "attachment");
        Assert.Equal("xsd:base64Binary", attachment.Attribute("type")?.Value);
        Assert.Equal("0", attachment.Attribute("minOccurs")?.Value);
        Assert.NotNull(attachment.Attribute(XName.Get("expectedContentTypes", "http://www.w3.org/2005/05/xmlmime")));
    }

    [Fact]
    public async Task Get_SingleWsdl_InlinesTheSchema()
    {
        var wsdl = await GetXmlAsync($"{SoapMessages.ServicePath}/RetrieveDRRSBatchStatus_v1?singleWsdl");

        var schema = wsdl.Root!.Element(Wsdl + "types")!.Element(Xsd + "schema")!;
        Assert.Null(schema.Element(Xsd + "import"));
        Assert.Equal(Tns, schema.Attribute("targetNamespace")?.Value);
        Assert.Contains(schema.Elements(Xsd + "element"), e => e.Attribute("name")?.Value == "RetrieveDRRSBatchStatus_v1Response");
    }

    [Theory]
    [InlineData("?wsdl")]
    [InlineData("?xsd=1")]
    public async Task Head_Metadata_AnswersHeadersWithoutBody(string query)
    {
        using var get = await _client.GetAsync(new Uri($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1{query}", UriKind.Relative));
        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1{query}"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/xml; charset=utf-8", head.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/sst/runtime.asvc/DeleteEverything_v1?wsdl")]
    [InlineData("/sst/runtime.asvc?xsd=2")]
    [InlineData("/sst/runtime.asvc?xsd")]
    public async Task Get_UnknownMetadata_Answers404(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_WithWsdlQuery_IsAnOperationCall()
    {
        using var response = await _client.SendAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1?wsdl"));

        var body = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal("RetrieveDRRSLocations_v1Response", body.Name.LocalName);
    }

    private static XElement Port(XElement service, string name) =>
        service.Elements(Wsdl + "port").Single(p => p.Attribute("name")?.Value == name);

    private static string? SchemaImport(XDocument wsdl) =>
        wsdl.Root!.Element(Wsdl + "types")!.Element(Xsd + "schema")!.Element(Xsd + "import")?.Attribute("schemaLocation")?.Value;

    private static XmlReaderSettings Prohibited() => new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, Async = true };

    private Task<XDocument> GetXmlAsync(string path) => SendForXmlAsync(new HttpRequestMessage(HttpMethod.Get, path));

    private async Task<XDocument> SendForXmlAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync(), Prohibited());
            return await XDocument.LoadAsync(reader, LoadOptions.None, CancellationToken.None);
        }
    }
}
