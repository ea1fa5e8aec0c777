namespace DrrsGateway.Simulator.Soap;

/// <summary>The SOAP version a request used, and so the one its response must use.</summary>
internal enum SoapVersion
{
    /// <summary>SOAP 1.1: <c>text/xml</c> with a <c>SOAPAction</c> header.</summary>
    Soap11,

    /// <summary>SOAP 1.2: <c>application/soap+xml</c> with an <c>action</c> parameter.</summary>
    Soap12,
}
