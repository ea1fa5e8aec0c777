using System.Net.Http.Headers;
using System.Text;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// The same call to <c>RetrieveDRRSLocations_v1</c> in the shapes JAX-WS RI accepts and runs, with a
/// made-up SOAPAction: a gateway must find the operation in each of them.
/// </summary>
internal static class EnvelopeShapes
{
    private const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string Service = "http://www.caiso.com/soa/drrs/";
    private const string MadeUpAction = "\"urn:made-up\"";

    public static readonly string[] Names =
        ["header-and-comments", "utf-16", "mtom", "swa", "mtom-root-second", "wsa-action-other", "no-content-type"];

    private static string Envelope(string operation) =>
        $"<s:Envelope xmlns:s=\"{Soap11}\"><s:Body><d:{operation} xmlns:d=\"{Service}\"><request>peer</request></d:{operation}></s:Body></s:Envelope>";

    public static HttpRequestMessage Request(string shape, string user)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, PeerRequests.RuntimePath) { Content = Content(shape) };
        request.Headers.Add(PeerRequests.UserHeader, user);
        request.Headers.TryAddWithoutValidation("SOAPAction", MadeUpAction);
        return request;
    }

    private static ByteArrayContent Content(string shape) => shape switch
    {
        "header-and-comments" => Xml(
            $"<?xml version=\"1.0\"?><!-- a --><s:Envelope xmlns:s=\"{Soap11}\" xmlns:d=\"{Service}\"><s:Header><d:{DrrsOperations.SubmitLocations}/></s:Header>"
            + $"<s:Body><!-- b -->\n  <d:{DrrsOperations.RetrieveLocations}><request>peer</request></d:{DrrsOperations.RetrieveLocations}></s:Body></s:Envelope>",
            "text/xml; charset=utf-8"),
        "utf-16" => Bytes(
            [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + Envelope(DrrsOperations.RetrieveLocations))],
            "text/xml; charset=utf-16"),
        "mtom" => Xml(
            Part("<root>", "application/xop+xml; charset=UTF-8; type=\"text/xml\"", Envelope(DrrsOperations.RetrieveLocations)) + "--M--\r\n",
            "multipart/related; type=\"application/xop+xml\"; boundary=\"M\"; start=\"<root>\"; start-info=\"text/xml\""),
        "swa" => Xml(
            Part("<env>", "text/xml; charset=UTF-8", Envelope(DrrsOperations.RetrieveLocations)) + Part("<att>", "application/octet-stream", "DATA") + "--M--\r\n",
            "multipart/related; type=\"text/xml\"; boundary=\"M\"; start=\"<env>\""),
        // The start parameter names the root part; the first part is an attachment that looks like another call.
        "mtom-root-second" => Xml(
            Part("<att>", "application/octet-stream", Envelope(DrrsOperations.SubmitLocations))
            + Part("<root>", "application/xop+xml; charset=UTF-8; type=\"text/xml\"", Envelope(DrrsOperations.RetrieveLocations)) + "--M--\r\n",
            "multipart/related; type=\"application/xop+xml\"; boundary=\"M\"; start=\"<root>\"; start-info=\"text/xml\""),
        // WS-Addressing is off on the endpoint: the header's Action is ignored and the body runs.
        "wsa-action-other" => Xml(
            $"<s:Envelope xmlns:s=\"{Soap11}\" xmlns:wsa=\"http://www.w3.org/2005/08/addressing\"><s:Header><wsa:Action>{DrrsOperations.Action(DrrsOperations.SubmitLocations)}</wsa:Action></s:Header>"
            + $"<s:Body><d:{DrrsOperations.RetrieveLocations} xmlns:d=\"{Service}\"><request>peer</request></d:{DrrsOperations.RetrieveLocations}></s:Body></s:Envelope>",
            "text/xml; charset=utf-8"),
        // JAX-WS RI takes a body without Content-Type as text/xml.
        "no-content-type" => Bytes(Encoding.UTF8.GetBytes(Envelope(DrrsOperations.RetrieveLocations)), null),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "No such envelope shape."),
    };

    private static string Part(string id, string contentType, string body) =>
        $"--M\r\nContent-Type: {contentType}\r\nContent-Transfer-Encoding: 8bit\r\nContent-ID: {id}\r\n\r\n{body}\r\n";

    private static ByteArrayContent Xml(string body, string contentType) => Bytes(Encoding.UTF8.GetBytes(body), contentType);

    private static ByteArrayContent Bytes(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }
}
