namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// What the headers of a request say about SOAP: its version and the operation its action names (already
/// lower-cased), or null when the action is missing or does not name an operation.
/// </summary>
internal readonly record struct SoapRequest(SoapVersion Version, string? Operation)
{
    public const string SoapActionHeader = "SOAPAction";

    public static SoapRequest None { get; } = new(SoapVersion.None, null);

    /// <summary>
    /// Reads the content type and <c>SOAPAction</c> header; never the body, which may be large, slow or
    /// malformed, and which DRRS, not the gateway, has to parse.
    /// </summary>
    public static SoapRequest Read(HttpRequest request, AupSoapOptions options)
    {
        if (!options.Enabled || request.ContentType is not { } contentType)
        {
            return None;
        }

        var mediaType = SoapContentType.MediaType(contentType);
        if (mediaType.Equals(SoapContentType.Soap12MediaType, StringComparison.OrdinalIgnoreCase))
        {
            var operation = SoapContentType.TryGetParameter(contentType, "action", out var action)
                ? SoapAction.Operation(action)
                : null;
            return new(SoapVersion.Soap12, operation);
        }

        if (mediaType.Equals(SoapContentType.Soap11MediaType, StringComparison.OrdinalIgnoreCase)
            && request.Headers.TryGetValue(SoapActionHeader, out var soapAction))
        {
            // Two SOAPAction headers name no single operation; the request is still SOAP 1.1.
            return new(SoapVersion.Soap11, soapAction.Count == 1 ? SoapAction.Operation(soapAction[0]) : null);
        }

        return None;
    }
}
