namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>Which SOAP version a request speaks, as its headers tell.</summary>
internal enum SoapVersion
{
    /// <summary>Not a SOAP request, or SOAP handling is off.</summary>
    None,

    /// <summary><c>text/xml</c> (or a multipart root part of it) with a <c>SOAPAction</c> header.</summary>
    Soap11,

    /// <summary><c>application/soap+xml</c> (or a multipart root part of it), the operation in its <c>action</c> parameter.</summary>
    Soap12,
}
