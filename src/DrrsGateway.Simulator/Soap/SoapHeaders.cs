using Microsoft.Net.Http.Headers;

namespace DrrsGateway.Simulator.Soap;

/// <summary>Reads the SOAP version and the action a request names in its HTTP headers.</summary>
internal static class SoapHeaders
{
    /// <summary>The SOAP 1.1 header naming the action.</summary>
    public const string SoapActionHeader = "SOAPAction";

    /// <summary>The SOAP 1.2 media type; its <c>action</c> parameter names the action.</summary>
    public const string Soap12MediaType = "application/soap+xml";

    private const string ActionParameter = "action";

    /// <summary>SOAP 1.2 when the body is <c>application/soap+xml</c>; SOAP 1.1 otherwise, including a GET without a body.</summary>
    public static SoapVersion VersionOf(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            && contentType.MediaType.Equals(Soap12MediaType, StringComparison.OrdinalIgnoreCase)
            ? SoapVersion.Soap12
            : SoapVersion.Soap11;

    /// <summary>
    /// The operation named by the action: the SOAP 1.2 <c>action</c> parameter, else the SOAP 1.1
    /// <c>SOAPAction</c> header; quotes stripped, only the part after the last <c>/</c> or <c>#</c>.
    /// </summary>
    public static string? OperationOf(HttpRequest request) =>
        LastActionPart(Soap12Action(request)) ?? LastActionPart(request.Headers[SoapActionHeader].ToString());

    private static string? Soap12Action(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return null;
        }

        var action = NameValueHeaderValue.Find(contentType.Parameters, ActionParameter);
        return action?.Value.Value;
    }

    /// <summary>"http://www.caiso.com/soa/submitDRRSLocations_v1" → "submitDRRSLocations_v1".</summary>
    internal static string? LastActionPart(string? action)
    {
        var span = action.AsSpan().Trim().Trim('"').Trim();
        span = span[(span.LastIndexOfAny('/', '#') + 1)..];
        return span.IsEmpty ? null : span.ToString();
    }
}
