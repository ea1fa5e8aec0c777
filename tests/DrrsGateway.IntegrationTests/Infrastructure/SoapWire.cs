using System.Text;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>SOAP messages as real stacks put them on the wire: plain, SOAP with Attachments and MTOM/XOP.</summary>
public static class SoapWire
{
    public const string Soap11Namespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12Namespace = "http://www.w3.org/2003/05/soap-envelope";
    public const string AddressingNamespace = "http://www.w3.org/2005/08/addressing";
    public const string Boundary = "uuid:0f3b6a52-7c1d-4e0a-9a53-5a8c1b2d3e4f";
    public const string RootId = "<http://tempuri.org/0>";

    /// <summary>An envelope whose Body holds the element <paramref name="operation"/>, with an optional WS-Addressing Action.</summary>
    public static string Envelope(string soapNamespace, string operation, string? addressingAction = null, string headerPadding = "")
    {
        var header = addressingAction is null && headerPadding.Length == 0
            ? ""
            : "<s:Header>" + headerPadding
                + (addressingAction is null ? "" : $"<a:Action s:mustUnderstand=\"1\" xmlns:a=\"{AddressingNamespace}\">{addressingAction}</a:Action><a:MessageID xmlns:a=\"{AddressingNamespace}\">urn:uuid:{Guid.NewGuid()}</a:MessageID>")
                + "</s:Header>";
        return $"<s:Envelope xmlns:s=\"{soapNamespace}\">{header}<s:Body><{operation} xmlns=\"http://www.caiso.com/soa/{operation}\"><payload>x</payload></{operation}></s:Body></s:Envelope>";
    }

    /// <summary>A WS-Security-like header, as signed CAISO messages carry before the Body.</summary>
    public static string SecurityHeader(int tokenBytes = 1500) =>
        "<o:Security s:mustUnderstand=\"1\" xmlns:o=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
        + $"<o:BinarySecurityToken ValueType=\"X509v3\">{new string('A', tokenBytes)}</o:BinarySecurityToken></o:Security>";

    public static string ActionUri(string operation) => $"http://www.caiso.com/soa/{operation}";

    /// <summary>A SOAP 1.1 request; <paramref name="soapActions"/> become SOAPAction headers as given (none, one or several).</summary>
    public static HttpRequestMessage Soap11(string path, string user, string envelope, params string[] soapActions)
    {
        var request = Post(path, user, Encoding.UTF8.GetBytes(envelope), "text/xml; charset=utf-8");
        foreach (var action in soapActions)
        {
            request.Headers.TryAddWithoutValidation("SOAPAction", action);
        }

        return request;
    }

    /// <summary>A SOAP 1.2 request, the action (when given) as a content-type parameter.</summary>
    public static HttpRequestMessage Soap12(string path, string user, string envelope, string? action) =>
        Post(path, user, Encoding.UTF8.GetBytes(envelope), action is null ? "application/soap+xml; charset=utf-8" : $"application/soap+xml; charset=utf-8; action=\"{action}\"");

    /// <summary>SOAP with Attachments 1.1: the envelope as the root part, one binary attachment after it.</summary>
    public static HttpRequestMessage SwA11(string path, string user, string envelope, string soapAction) =>
        WithSoapAction(Post(path, user, Multipart("text/xml; charset=utf-8", envelope), $"multipart/related; type=\"text/xml\"; boundary=\"{Boundary}\"; start=\"{RootId}\""), soapAction);

    /// <summary>MTOM/XOP SOAP 1.1 as WCF sends it: XOP root part, the envelope's media type in start-info, SOAPAction header.</summary>
    public static HttpRequestMessage Mtom11(string path, string user, string envelope, string soapAction) =>
        WithSoapAction(Post(path, user, Multipart("application/xop+xml; charset=utf-8; type=\"text/xml\"", envelope), $"multipart/related; type=\"application/xop+xml\"; start=\"{RootId}\"; boundary=\"{Boundary}\"; start-info=\"text/xml\""), soapAction);

    /// <summary>MTOM/XOP SOAP 1.2 with the action as a parameter of the multipart type (WCF), or none.</summary>
    public static HttpRequestMessage Mtom12(string path, string user, string envelope, string? action) =>
        Post(path, user, Multipart("application/xop+xml; charset=utf-8; type=\"application/soap+xml\"", envelope),
            $"multipart/related; type=\"application/xop+xml\"; start=\"{RootId}\"; boundary=\"{Boundary}\"; start-info=\"application/soap+xml\""
            + (action is null ? "" : $"; action=\"{action}\""));

    /// <summary>MTOM/XOP SOAP 1.2 with the action inside start-info, its quotes escaped.</summary>
    public static HttpRequestMessage Mtom12ActionInStartInfo(string path, string user, string envelope, string action) =>
        Post(path, user, Multipart($"application/xop+xml; charset=utf-8; type=\"application/soap+xml\"; action=\"{action}\"", envelope),
            $"multipart/related; type=\"application/xop+xml\"; start=\"{RootId}\"; boundary=\"{Boundary}\"; start-info=\"application/soap+xml; action=\\\"{action}\\\"\"");

    /// <summary>The root part holding <paramref name="envelope"/> with an xop:Include, then the binary part it refers to.</summary>
    public static byte[] Multipart(string rootContentType, string envelope)
    {
        var withInclude = envelope.Replace("<payload>x</payload>", "<payload><xop:Include href=\"cid:doc@drrs\" xmlns:xop=\"http://www.w3.org/2004/08/xop/include\"/></payload>", StringComparison.Ordinal);
        var text = $"--{Boundary}\r\nContent-ID: {RootId}\r\nContent-Transfer-Encoding: 8bit\r\nContent-Type: {rootContentType}\r\n\r\n{withInclude}\r\n"
            + $"--{Boundary}\r\nContent-ID: <doc@drrs>\r\nContent-Transfer-Encoding: binary\r\nContent-Type: application/octet-stream\r\n\r\n";
        var attachment = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray();
        return [.. Encoding.UTF8.GetBytes(text), .. attachment, .. Encoding.UTF8.GetBytes($"\r\n--{Boundary}--\r\n")];
    }

    private static HttpRequestMessage WithSoapAction(HttpRequestMessage request, string soapAction)
    {
        request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{soapAction}\"");
        return request;
    }

    private static HttpRequestMessage Post(string path, string user, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(GatewayFactory.UserHeader, user);
        return request;
    }
}
