using System.Net;
using System.Text;
using static DrrsGateway.Simulator.Tests.MultipartMessages;

namespace DrrsGateway.Simulator.Tests;

public sealed class HostileInputTests : IClassFixture<SimulatorFixture>
{
    private const string SwaContentType = $"multipart/related; type=\"text/xml\"; start=\"{RootId}\"; boundary=\"{Boundary}\"";
    private const string Path = SoapMessages.ServicePath + "/SubmitDRRSLocations_v1";

    private readonly HttpClient _client;

    public HostileInputTests(SimulatorFixture fixture) => _client = fixture.Client;

    public static TheoryData<string, string> MalformedMultipart => new()
    {
        { "multipart/related; type=\"text/xml\"", "no boundary parameter" },
        { $"multipart/related; type=\"text/xml\"; boundary=\"{new string('b', 71)}\"", "an over-long boundary" },
        { SwaContentType, "no boundary line at all" },
        { SwaContentType, $"--{Boundary}\r\nContent-Type: text/xml\r\nContent-ID: {RootId}\r\n\r\n<unterminated" },
        { SwaContentType, $"--{Boundary}\r\nThis is not a header line\r\n\r\nbody\r\n--{Boundary}--\r\n" },
        { SwaContentType, $"--{Boundary}--\r\n" },
    };

    [Theory]
    [MemberData(nameof(MalformedMultipart))]
    public async Task Post_MalformedMultipart_AnswersSoapFault(string contentType, string body)
    {
        using var response = await _client.SendAsync(Post(Path, contentType, body));

        await AssertSoap11FaultAsync(response);
    }

    [Fact]
    public async Task Post_StartNamesNoPart_AnswersSoapFault()
    {
        var body = Body("text/xml", SoapMessages.Envelope(SoapMessages.Soap11Namespace)).Replace(RootId, "<other@example.test>", StringComparison.Ordinal);

        using var response = await _client.SendAsync(Post(Path, SwaContentType, body));

        var fault = await AssertSoap11FaultAsync(response);
        Assert.Contains("start", fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_HugeAttachmentPart_AnswersSoapFault()
    {
        var body = Body("text/xml", SoapMessages.Envelope(SoapMessages.Soap11Namespace), attachment: new string('x', 3 * 1024 * 1024));

        using var response = await _client.SendAsync(Post(Path, SwaContentType, body));

        await AssertSoap11FaultAsync(response);
    }

    [Fact]
    public async Task Post_HugeRootPart_AnswersSoapFault()
    {
        var envelope = SoapMessages.Envelope(SoapMessages.Soap11Namespace, $"<x>{new string('x', 3 * 1024 * 1024)}</x>");

        using var response = await _client.SendAsync(Post(Path, SwaContentType, Body("text/xml", envelope, attachment: null)));

        await AssertSoap11FaultAsync(response);
    }

    [Fact]
    public async Task Post_MalformedMtomSoap12_AnswersSoap12FaultInMtom()
    {
        var contentType = $"multipart/related; type=\"application/xop+xml\"; start=\"{RootId}\"; boundary=\"{Boundary}\"; start-info=\"application/soap+xml\"";

        using var response = await _client.SendAsync(Post(Path, contentType, "garbage"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var root = await ReadMtomRootAsync(response, "application/soap+xml");
        Assert.Equal("Fault", BodyElement(root, SoapMessages.Soap12Namespace).Name.LocalName);
    }

    [Fact]
    public async Task Post_DtdInRootPart_IsNotExpanded()
    {
        const string envelope = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";

        using var response = await _client.SendAsync(Post(Path, SwaContentType, Body("text/xml", envelope)));

        // Like a plain body that is not usable XML: the operation in the path is still answered.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AfterHostileInput_TheSimulatorStillAnswers()
    {
        using (var hostile = await _client.SendAsync(Post(Path, SwaContentType, Encoding.UTF8.GetString(new byte[4096]))))
        {
            await AssertSoap11FaultAsync(hostile);
        }

        using var response = await _client.SendAsync(SoapMessages.Soap11(Path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string?> AssertSoap11FaultAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var fault = await SoapMessages.ReadBodyElementAsync(response);
        Assert.Equal("Fault", fault.Name.LocalName);
        return fault.Element("faultstring")?.Value;
    }
}
