namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// What the headers of a request say about SOAP: its version, the operation its action names (as written, a
/// slice of the header it came from; empty when the action is missing or does not name an operation), and
/// where the envelope is. <see cref="Ambiguous"/>: the content type gives a parameter twice, so a backend may
/// read another root, version or action than the gateway. Two reads are equal when their operations read the
/// same, wherever the text lies.
/// </summary>
internal readonly record struct SoapRequest(SoapVersion Version, ReadOnlyMemory<char> Operation, SoapFraming Framing, bool Ambiguous = false)
{
    public const string SoapActionHeader = "SOAPAction";

    public static SoapRequest None { get; } = new(SoapVersion.None, default, SoapFraming.None);

    /// <summary>
    /// Reads the content type and <c>SOAPAction</c> header, never the body. SOAP 1.1 is <c>text/xml</c> with
    /// a SOAPAction; SOAP 1.2 is <c>application/soap+xml</c>, its action a parameter; both may come as the
    /// root part of <c>multipart/related</c> (SOAP with Attachments, or MTOM/XOP with the envelope's media
    /// type in <c>start-info</c> and the SOAP 1.2 action beside it or inside it). Allocates nothing unless
    /// <c>start-info</c> holds escapes.
    /// </summary>
    public static SoapRequest Read(HttpRequest request, SoapPolicy soap)
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

        var read = ReadContentType(request, contentType.AsMemory());
        return read.Version != SoapVersion.None && SoapContentType.RepeatsParameter(contentType) ? read with { Ambiguous = true } : read;
    }

    public bool Equals(SoapRequest other) =>
        Version == other.Version
        && Framing == other.Framing
        && Ambiguous == other.Ambiguous
        && Operation.Span.SequenceEqual(other.Operation.Span);

    public override int GetHashCode() => HashCode.Combine(Version, string.GetHashCode(Operation.Span), Framing, Ambiguous);

    private static SoapRequest ReadContentType(HttpRequest request, ReadOnlyMemory<char> contentType)
    {
        var mediaType = SoapContentType.MediaType(contentType.Span);
        if (mediaType.Equals(SoapContentType.Soap12MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return new(SoapVersion.Soap12, Soap12Operation(contentType), SoapFraming.Plain);
        }

        if (mediaType.Equals(SoapContentType.Soap11MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return Soap11(request, SoapFraming.Plain);
        }

        return mediaType.Equals(SoapContentType.MultipartRelatedMediaType, StringComparison.OrdinalIgnoreCase)
            ? ReadMultipart(request, contentType)
            : None;
    }

    private static SoapRequest ReadMultipart(HttpRequest request, ReadOnlyMemory<char> contentType)
    {
        if (!SoapContentType.TryGetParameter(contentType.Span, "type", out var type))
        {
            return None;
        }

        // SwA names the envelope's media type in "type"; MTOM names XOP there and the envelope's in start-info.
        var envelopeType = type.Trim();
        var startInfo = ReadOnlyMemory<char>.Empty;
        if (envelopeType.Equals(SoapContentType.XopMediaType, StringComparison.OrdinalIgnoreCase))
        {
            if (!SoapContentType.TryGetParameter(contentType, "start-info", out var quotedStartInfo))
            {
                return None;
            }

            startInfo = SoapContentType.Unescape(quotedStartInfo);
            envelopeType = SoapContentType.MediaType(startInfo.Span);
        }

        if (envelopeType.Equals(SoapContentType.Soap12MediaType, StringComparison.OrdinalIgnoreCase))
        {
            var operation = Soap12Operation(contentType);
            return new(SoapVersion.Soap12, operation.IsEmpty && !startInfo.IsEmpty ? Soap12Operation(startInfo) : operation, SoapFraming.Multipart);
        }

        return envelopeType.Equals(SoapContentType.Soap11MediaType, StringComparison.OrdinalIgnoreCase)
            ? Soap11(request, SoapFraming.Multipart)
            : None;
    }

    private static SoapRequest Soap11(HttpRequest request, SoapFraming framing)
    {
        if (!request.Headers.TryGetValue(SoapActionHeader, out var soapAction))
        {
            // Without a SOAPAction it is plain XML over HTTP, keyed by its path like any other request.
            return None;
        }

        // Two SOAPAction headers name no single operation; the request is still SOAP 1.1.
        return new(SoapVersion.Soap11, soapAction.Count == 1 ? SoapAction.Operation(soapAction[0].AsMemory()) : default, framing);
    }

    private static ReadOnlyMemory<char> Soap12Operation(ReadOnlyMemory<char> contentType) =>
        SoapContentType.TryGetParameter(contentType, "action", out var action) ? SoapAction.Operation(action) : default;
}
