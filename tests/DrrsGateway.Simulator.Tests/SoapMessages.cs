using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace DrrsGateway.Simulator.Tests;

/// <summary>Builds SOAP requests the way DRRS clients send them and reads the simulator's envelopes.</summary>
internal static class SoapMessages
{
    public const string ServicePath = "/sst/runtime.asvc";
    public const string Soap11Namespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12Namespace = "http://www.w3.org/2003/05/soap-envelope";

    /// <summary>The six operations the simulator answers.</summary>
    public static readonly string[] OperationNames =
    [
        "SubmitDRRSLocations_v1",
        "RetrieveDRRSLocations_v1",
        "RetrieveDRRSBatchStatus_v1",
        "SubmitDRRSRegistrations_v1",
        "RetrieveDRRSRegistrations_v1",
        "SubmitDRRSLocationReview_v1",
    ];

    public static string Action(string operation) => $"http://www.caiso.com/soa/{operation}";

    public static string Envelope(string soapNamespace, string bodyContent = "") =>
        $"<soap:Envelope xmlns:soap=\"{soapNamespace}\"><soap:Body>{bodyContent}</soap:Body></soap:Envelope>";

    /// <summary>A SOAP 1.1 POST; <paramref name="soapAction"/> goes in the header as given, quotes and all.</summary>
    public static HttpRequestMessage Soap11(string path, string? soapAction = null, string? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body ?? Envelope(Soap11Namespace), Encoding.UTF8, "text/xml"),
        };
        if (soapAction is not null)
        {
            request.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        }

        return request;
    }

    /// <summary>A SOAP 1.2 POST naming <paramref name="action"/> in the content type.</summary>
    public static HttpRequestMessage Soap12(string path, string? action = null, string? body = null)
    {
        var content = new StringContent(body ?? Envelope(Soap12Namespace), Encoding.UTF8);
        var contentType = new MediaTypeHeaderValue("application/soap+xml") { CharSet = "utf-8" };
        if (action is not null)
        {
            contentType.Parameters.Add(new NameValueHeaderValue("action", $"\"{action}\""));
        }

        content.Headers.ContentType = contentType;
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    /// <summary>Parses the response as XML and returns the element inside the envelope's Body.</summary>
    public static async Task<XElement> ReadBodyElementAsync(HttpResponseMessage response, string soapNamespace = Soap11Namespace)
    {
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var envelope = document.Root!;
        Assert.Equal(XName.Get("Envelope", soapNamespace), envelope.Name);
        return Assert.Single(envelope.Element(XName.Get("Body", soapNamespace))!.Elements());
    }
}
