using Microsoft.Net.Http.Headers;

namespace DrrsGateway.Simulator.Soap;

/// <summary>
/// What a request's Content-Type (and SOAPAction) header says about the message: its SOAP version, whether it
/// is multipart (SOAP with Attachments or MTOM/XOP), where its root part is, and the action.
/// </summary>
/// <param name="Version">The SOAP version, and so the one the response must use.</param>
/// <param name="IsMultipart">True for <c>multipart/related</c>: the envelope is the root part.</param>
/// <param name="IsMtom">True for MTOM/XOP, which a client expects to be answered in MTOM too.</param>
/// <param name="Boundary">The multipart boundary, when multipart.</param>
/// <param name="Start">The Content-ID of the root part (the <c>start</c> parameter), when named.</param>
/// <param name="Action">The action the HTTP headers name, raw; <c>null</c> when they name none.</param>
internal sealed record SoapContentType(
    SoapVersion Version,
    bool IsMultipart,
    bool IsMtom,
    string? Boundary,
    string? Start,
    string? Action)
{
    private const string TypeParameter = "type";
    private const string StartParameter = "start";
    private const string StartInfoParameter = "start-info";
    private const string BoundaryParameter = "boundary";

    /// <summary>Reads a request's headers; anything unrecognised, including no Content-Type at all, is plain SOAP 1.1.</summary>
    public static SoapContentType Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var soapAction = request.Headers[SoapHeaders.SoapActionHeader].ToString();
        return Parse(request.ContentType, string.IsNullOrEmpty(soapAction) ? null : soapAction);
    }

    /// <summary>Parses a Content-Type value; <paramref name="soapAction"/> is the SOAPAction header, if any.</summary>
    internal static SoapContentType Parse(string? contentType, string? soapAction)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return new(SoapVersion.Soap11, false, false, null, null, soapAction);
        }

        if (Is(mediaType, SoapHeaders.Soap12MediaType))
        {
            return new(SoapVersion.Soap12, false, false, null, null, SoapHeaders.Parameter(mediaType, SoapHeaders.ActionParameter) ?? soapAction);
        }

        if (!Is(mediaType, SoapHeaders.MultipartRelatedMediaType))
        {
            return new(SoapVersion.Soap11, false, false, null, null, soapAction);
        }

        var boundary = SoapHeaders.Parameter(mediaType, BoundaryParameter);
        var start = SoapHeaders.Parameter(mediaType, StartParameter);
        var type = SoapHeaders.Parameter(mediaType, TypeParameter);
        var topLevelAction = SoapHeaders.Parameter(mediaType, SoapHeaders.ActionParameter);

        if (string.Equals(type, SoapHeaders.XopMediaType, StringComparison.OrdinalIgnoreCase))
        {
            // MTOM: start-info carries the root part's real media type, and SOAP 1.2 may put the action inside it.
            var isSoap12 = MediaTypeHeaderValue.TryParse(SoapHeaders.Parameter(mediaType, StartInfoParameter), out var startInfo)
                && Is(startInfo, SoapHeaders.Soap12MediaType);
            var action = isSoap12
                ? topLevelAction ?? SoapHeaders.Parameter(startInfo!, SoapHeaders.ActionParameter) ?? soapAction
                : soapAction;
            return new(isSoap12 ? SoapVersion.Soap12 : SoapVersion.Soap11, true, true, boundary, start, action);
        }

        return string.Equals(type, SoapHeaders.Soap12MediaType, StringComparison.OrdinalIgnoreCase)
            ? new(SoapVersion.Soap12, true, false, boundary, start, topLevelAction ?? soapAction)
            : new(SoapVersion.Soap11, true, false, boundary, start, soapAction);
    }

    /// <summary>The SOAP 1.2 action a root part's own Content-Type names (JAX-WS puts it there), as a last resort.</summary>
    internal static string? ActionOfRootPart(string? partContentType)
    {
        if (!MediaTypeHeaderValue.TryParse(partContentType, out var part))
        {
            return null;
        }

        if (Is(part, SoapHeaders.XopMediaType)
            && MediaTypeHeaderValue.TryParse(SoapHeaders.Parameter(part, TypeParameter), out var inner))
        {
            part = inner;
        }

        return SoapHeaders.Parameter(part, SoapHeaders.ActionParameter);
    }

    private static bool Is(MediaTypeHeaderValue mediaType, string expected) =>
        mediaType.MediaType.Equals(expected, StringComparison.OrdinalIgnoreCase);
}
