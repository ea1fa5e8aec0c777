using DrrsGateway.AcceptableUse.Services;

namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// What the headers of a request say about SOAP: its version, the operation its action names (already
/// lower-cased; null when the action is missing or does not name an operation), and where the envelope is.
/// <see cref="Ambiguous"/>: the content type gives a parameter twice, so a backend may read another root,
/// version or action than the gateway.
/// </summary>
internal readonly record struct SoapRequest(SoapVersion Version, string? Operation, SoapFraming Framing, bool Ambiguous = false)
{
    public const string SoapActionHeader = "SOAPAction";

    public static SoapRequest None { get; } = new(SoapVersion.None, null, SoapFraming.None);

    /// <summary>
    /// Reads the content type and <c>SOAPAction</c> header, never the body. SOAP 1.1 is <c>text/xml</c> with
    /// a SOAPAction; SOAP 1.2 is <c>application/soap+xml</c>, its action a parameter; both may come as the
    /// root part of <c>multipart/related</c> (SOAP with Attachments, or MTOM/XOP with the envelope's media
    /// type in <c>start-info</c> and the SOAP 1.2 action beside it or inside it). <c>names</c> holds the
    /// operation names, one string each.
    /// </summary>
    public static SoapRequest Read(HttpRequest request, SoapPolicy soap, ServiceNames names)
    {
        if (!soap.Enabled || request.ContentType is not { } contentType)
        {
            return None;
        }

        if (request.Headers.ContentType.Count > 1)
        {
            // Two Content-Type headers: a backend taking the first may see SOAP where the gateway sees none.
            return None with { Ambiguous = true };
        }

        var read = ReadContentType(request, contentType, names);
        return read.Version != SoapVersion.None && SoapContentType.RepeatsParameter(contentType) ? read with { Ambiguous = true } : read;
    }

    private static SoapRequest ReadContentType(HttpRequest request, string contentType, ServiceNames names)
    {
        var mediaType = SoapContentType.MediaType(contentType);
        if (mediaType.Equals(SoapContentType.Soap12MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return new(SoapVersion.Soap12, Soap12Operation(contentType, names), SoapFraming.Plain);
        }

        if (mediaType.Equals(SoapContentType.Soap11MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return Soap11(request, SoapFraming.Plain, names);
        }

        return mediaType.Equals(SoapContentType.MultipartRelatedMediaType, StringComparison.OrdinalIgnoreCase)
            ? ReadMultipart(request, contentType, names)
            : None;
    }

    private static SoapRequest ReadMultipart(HttpRequest request, string contentType, ServiceNames names)
    {
        if (!SoapContentType.TryGetParameter(contentType, "type", out var type))
        {
            return None;
        }

        // SwA names the envelope's media type in "type"; MTOM names XOP there and the envelope's in start-info.
        var envelopeType = type.Trim();
        var startInfo = ReadOnlySpan<char>.Empty;
        if (envelopeType.Equals(SoapContentType.XopMediaType, StringComparison.OrdinalIgnoreCase))
        {
            if (!SoapContentType.TryGetParameter(contentType, "start-info", out var quotedStartInfo))
            {
                return None;
            }

            startInfo = SoapContentType.Unescape(quotedStartInfo);
            envelopeType = SoapContentType.MediaType(startInfo);
        }

        if (envelopeType.Equals(SoapContentType.Soap12MediaType, StringComparison.OrdinalIgnoreCase))
        {
            var operation = Soap12Operation(contentType, names) ?? (startInfo.IsEmpty ? null : Soap12Operation(startInfo, names));
            return new(SoapVersion.Soap12, operation, SoapFraming.Multipart);
        }

        return envelopeType.Equals(SoapContentType.Soap11MediaType, StringComparison.OrdinalIgnoreCase)
            ? Soap11(request, SoapFraming.Multipart, names)
            : None;
    }

    private static SoapRequest Soap11(HttpRequest request, SoapFraming framing, ServiceNames names)
    {
        if (!request.Headers.TryGetValue(SoapActionHeader, out var soapAction))
        {
            // Without a SOAPAction it is plain XML over HTTP, keyed by its path like any other request.
            return None;
        }

        // Two SOAPAction headers name no single operation; the request is still SOAP 1.1.
        return new(SoapVersion.Soap11, soapAction.Count == 1 ? SoapAction.Operation(soapAction[0], names) : null, framing);
    }

    private static string? Soap12Operation(ReadOnlySpan<char> contentType, ServiceNames names) =>
        SoapContentType.TryGetParameter(contentType, "action", out var action) ? SoapAction.Operation(action, names) : null;
}
