using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace DrrsGateway.Simulator.Soap;

/// <summary>The HTTP-level names of the SOAP bindings and the rule that turns an action into an operation name.</summary>
internal static class SoapHeaders
{
    /// <summary>The SOAP 1.1 header naming the action.</summary>
    public const string SoapActionHeader = "SOAPAction";

    /// <summary>The SOAP 1.1 media type.</summary>
    public const string Soap11MediaType = "text/xml";

    /// <summary>The SOAP 1.2 media type; its <c>action</c> parameter names the action.</summary>
    public const string Soap12MediaType = "application/soap+xml";

    /// <summary>The media type of the root part of an MTOM/XOP message.</summary>
    public const string XopMediaType = "application/xop+xml";

    /// <summary>The media type of SOAP with Attachments and MTOM messages.</summary>
    public const string MultipartRelatedMediaType = "multipart/related";

    /// <summary>The SOAP 1.2 media-type parameter naming the action.</summary>
    public const string ActionParameter = "action";

    /// <summary>The value of a media-type parameter, unquoted and unescaped; <c>null</c> when absent.</summary>
    public static string? Parameter(MediaTypeHeaderValue mediaType, string name)
    {
        var parameter = NameValueHeaderValue.Find(mediaType.Parameters, name);
        if (parameter is null || StringSegment.IsNullOrEmpty(parameter.Value))
        {
            return null;
        }

        var value = HeaderUtilities.UnescapeAsQuotedString(parameter.Value).Value;
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>"http://www.caiso.com/soa/submitDRRSLocations_v1" → "submitDRRSLocations_v1".</summary>
    internal static string? LastActionPart(string? action)
    {
        var span = action.AsSpan().Trim().Trim('"').Trim();
        span = span[(span.LastIndexOfAny('/', '#') + 1)..];
        return span.IsEmpty ? null : span.ToString();
    }
}
