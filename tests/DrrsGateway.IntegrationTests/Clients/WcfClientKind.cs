namespace DrrsGateway.IntegrationTests.Clients;

/// <summary>The WCF bindings a DRRS caller might use, each a different shape on the wire.</summary>
public enum WcfClientKind
{
    /// <summary><c>BasicHttpBinding</c>: SOAP 1.1, <c>text/xml</c> with a <c>SOAPAction</c> header.</summary>
    Soap11,

    /// <summary>SOAP 1.2 without addressing: the action in the <c>application/soap+xml</c> content type.</summary>
    Soap12,

    /// <summary>SOAP 1.2 with WS-Addressing 1.0: no action in the content type, only <c>wsa:Action</c> in the envelope.</summary>
    Soap12WSAddressing10,

    /// <summary>MTOM over SOAP 1.1: <c>multipart/related</c>, the envelope in an <c>application/xop+xml</c> root part.</summary>
    MtomSoap11,

    /// <summary>MTOM over SOAP 1.2.</summary>
    MtomSoap12,
}
