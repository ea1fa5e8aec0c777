using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// Calls shaped as CAISO's production clients send them (CAISO's own Python B2B helper, clients generated from
/// the DRRS artifacts): named access points, SOAP-ENV envelopes with CAISOWSHeader and a WS-Security token,
/// document/literal bare Bodies, SwA submits with an empty Body, DocAttach submits with ISOAttachment.
/// </summary>
public static class CaisoWire
{
    public const string RequestNamespace = "http://www.caiso.com/soa/RequestDRRegistrationData_v1.xsd#";
    public const string AttachmentNamespace = "http://www.caiso.com/soa/2006-10-26/ISOAttachment.xsd";
    public const string StandardOutputNamespace = "http://www.caiso.com/soa/StandardOutput_v1.xsd#";
    public static readonly XNamespace StandardOutput = StandardOutputNamespace;
    public static readonly XNamespace OutputDataType = "http://www.caiso.com/soa/2006-06-13/StandardOutput.xsd";

    public const string Violation = Peers.DrrsOperations.Violation;

    /// <summary><c>/sst/drrs/&lt;Operation&gt;_DRRSv1_AP</c> (or its DocAttach variant) for <c>retrieveDRLocations_v1</c>.</summary>
    public static string AccessPoint(string operation, bool docAttach = false)
    {
        var name = operation[..operation.LastIndexOf("_v", StringComparison.Ordinal)];
        return $"/sst/drrs/{char.ToUpperInvariant(name[0])}{name[1..]}_DRRSv1{(docAttach ? "_DocAttach" : "")}_AP";
    }

    public static string Action(string operation, bool docAttach = false) =>
        $"http://www.caiso.com/soa/{operation}{(docAttach ? "_DocAttach" : "")}";

    /// <summary>A signed-looking envelope whose Body holds <paramref name="body"/> (empty: an empty Body).</summary>
    public static string Envelope(string body, string user = "alice") =>
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
        + "<SOAP-ENV:Header><wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
        + $"<wsse:BinarySecurityToken wsu:Id=\"id-t\">{new string('M', 1800)}</wsse:BinarySecurityToken></wsse:Security>"
        + "<caisowshead:CAISOWSHeader xmlns:caisowshead=\"http://www.caiso.com/soa/2006-09-30/CAISOWSHeader.xsd\" wsu:Id=\"id-h\">"
        + $"<caisowshead:CAISOUsernameToken><caisowshead:Username>{user}</caisowshead:Username><caisowshead:Nonce>MjAyNjEyMDM=</caisowshead:Nonce>"
        + "<caisowshead:Created>2026-12-03T18:00:00.000Z</caisowshead:Created></caisowshead:CAISOUsernameToken></caisowshead:CAISOWSHeader></SOAP-ENV:Header>"
        + (body.Length == 0 ? "<SOAP-ENV:Body wsu:Id=\"id-b\"/>" : $"<SOAP-ENV:Body wsu:Id=\"id-b\">{body}</SOAP-ENV:Body>")
        + "</SOAP-ENV:Envelope>";

    public static string RetrieveBody =>
        $"<ns0:RequestDRRegistrationData xmlns:ns0=\"{RequestNamespace}\"><ns0:MessagePayload/></ns0:RequestDRRegistrationData>";

    public static string DocAttachBody =>
        $"<ISOAttachment xmlns=\"{AttachmentNamespace}\"><AttachmentValue>{Convert.ToBase64String(Gzip("<data/>"))}</AttachmentValue></ISOAttachment>";

    /// <summary>A plain call as CAISO's helper sends it: <c>text/xml</c>, the SOAPAction unquoted.</summary>
    public static HttpRequestMessage Plain(string path, string user, string action, string body, string userHeader = GatewayFactory.UserHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Envelope(body, user))) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml");
        request.Headers.TryAddWithoutValidation("SOAPAction", action);
        request.Headers.TryAddWithoutValidation(userHeader, user);
        return request;
    }

    /// <summary>
    /// A submit as CAISO's helper sends it: SwA with the signed envelope (empty Body) as part <c>payload</c> and
    /// the base64 of the gzipped document as part <c>attachment.uue</c>, form-data dispositions, no part types.
    /// </summary>
    public static HttpRequestMessage SwaSubmit(string path, string user, string operation, string userHeader = GatewayFactory.UserHeader)
    {
        const string boundary = "=_Part_20261203180000123456";
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"payload\"\r\nContent-ID: <payload>\r\n\r\n{Envelope("", user)}\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"attachment.uue\"\r\nContent-ID: <attachment.uue>\r\n\r\n{Convert.ToBase64String(Gzip("<DRLocations/>"))}\r\n"
            + $"--{boundary}--\r\n";
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/related; type=\"text/xml\"; start=\"<payload>\"; boundary=\"{boundary}\"");
        request.Headers.TryAddWithoutValidation("Soapaction", $"\"{Action(operation)}\"");
        request.Headers.TryAddWithoutValidation("Mime-Version", "1.0");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip,deflate");
        request.Headers.TryAddWithoutValidation("ct-remote-user", user);
        request.Headers.TryAddWithoutValidation(userHeader, user);
        return request;
    }

    public static byte[] Gzip(string text)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionMode.Compress))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return compressed.ToArray();
    }

    /// <summary>What a CAISO fault says: the first detail entry's Event, and where CAISO's own helper reads the description.</summary>
    public static async Task<CaisoFault> ReadFaultAsync(HttpResponseMessage response)
    {
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var fault = document.Root!.Element(SoapFault.Soap11 + "Body")!.Element(SoapFault.Soap11 + "Fault")!;
        var detail = fault.Element("detail")!.Elements().ToList();
        var output = detail[0];
        var log = output.Element(StandardOutput + "MessagePayload")!.Element(StandardOutput + "EventLog")!;
        var @event = log.Element(StandardOutput + "Event")!;
        return new(
            fault.Element("faultcode")!.Value,
            fault.Element("faultstring")!.Value,
            output.Name,
            @event.Elements().Select(e => e.Name.LocalName).ToList(),
            @event.Element(StandardOutput + "description")!.Value,
            @event.Element(StandardOutput + "id")!.Value,
            @event.Element(StandardOutput + "result")!.Value,
            log.Element(StandardOutput + "Service")!.Element(StandardOutput + "name")!.Value,
            detail.ElementAtOrDefault(1)?.Element(OutputDataType + "EventLog")?.Element(OutputDataType + "Event")?.Element(OutputDataType + "description")?.Value);
    }
}

/// <summary>A CAISO-shaped SOAP 1.1 fault as generated clients and CAISO's helper read it.</summary>
public sealed record CaisoFault(
    string Code,
    string FaultString,
    XName FirstDetail,
    IReadOnlyList<string> EventFields,
    string Description,
    string EventId,
    string Result,
    string ServiceName,
    string? HelperDescription);
