namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>Which SOAP envelope a request carries, as its headers tell (the body is never read).</summary>
internal enum SoapVersion
{
    /// <summary>Not a SOAP request, or SOAP handling is off.</summary>
    None,

    /// <summary><c>text/xml</c> with a <c>SOAPAction</c> header.</summary>
    Soap11,

    /// <summary><c>application/soap+xml</c>, the operation in its <c>action</c> parameter.</summary>
    Soap12,
}
