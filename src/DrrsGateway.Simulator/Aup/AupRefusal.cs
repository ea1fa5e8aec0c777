using System.Net.Mime;
using DrrsGateway.Simulator.Caiso;
using DrrsGateway.Simulator.Soap;
using Microsoft.Net.Http.Headers;

namespace DrrsGateway.Simulator.Aup;

/// <summary>
/// Writes a refusal as CAISO answers it: a SOAP caller gets CAISO's fault (HTTP 500, <c>SOAP-ENV:Client</c>, the
/// message in <c>faultstring</c> and the StandardOutput detail) in its SOAP version; anything else gets HTTP 429
/// with the message as plain text, as CAISO's edge answers non-SOAP callers. No <c>Retry-After</c>: CAISO sends none.
/// </summary>
internal static class AupRefusal
{
    private const string PlainTextContentType = MediaTypeNames.Text.Plain + "; charset=utf-8";

    public static Task WriteAsync(HttpContext context, SoapRequest request, CaisoEvent refusal)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(refusal);
        if (IsSoap(context.Request, request))
        {
            return CaisoFaultWriter.WriteAsync(context, request, CaisoFaultCode.Client, refusal);
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.ContentType = PlainTextContentType;
        return context.Response.WriteAsync(refusal.Description, context.RequestAborted);
    }

    /// <summary>True when the caller sent an envelope, a SOAPAction, or a SOAP media type.</summary>
    internal static bool IsSoap(HttpRequest httpRequest, SoapRequest request) =>
        request.Envelope is not null
        || httpRequest.Headers.ContainsKey(SoapHeaders.SoapActionHeader)
        || (MediaTypeHeaderValue.TryParse(httpRequest.ContentType, out var mediaType)
            && (mediaType.MediaType.Equals(SoapHeaders.Soap11MediaType, StringComparison.OrdinalIgnoreCase)
                || mediaType.MediaType.Equals(SoapHeaders.Soap12MediaType, StringComparison.OrdinalIgnoreCase)
                || mediaType.MediaType.Equals(SoapHeaders.MultipartRelatedMediaType, StringComparison.OrdinalIgnoreCase)));
}
