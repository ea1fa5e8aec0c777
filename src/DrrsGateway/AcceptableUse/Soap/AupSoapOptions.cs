namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>How SOAP callers are recognised and answered, bound from <c>Aup:Soap</c>.</summary>
public sealed class AupSoapOptions
{
    /// <summary>
    /// Whether SOAP requests are keyed by their operation and answered with SOAP faults. The default is
    /// <c>true</c>; when off, SOAP requests are treated like any other HTTP request.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// HTTP status of a SOAP 1.1 client fault (policy refusal or unidentified request; a request that cannot be keyed is answered 400). The
    /// default is 500, which the SOAP 1.1 HTTP binding requires for every fault.
    /// </summary>
    public int Soap11FaultStatusCode { get; set; } = 500;

    /// <summary>
    /// HTTP status of a SOAP 1.2 <c>env:Sender</c> fault. The default is 500: the SOAP 1.2 binding maps Sender
    /// faults to 400, but WCF reads a fault only from a 2xx or 500 response and turns a 400 into a
    /// ProtocolException that hides CAISO's message; zeep and node-soap read faults with either status.
    /// </summary>
    public int Soap12FaultStatusCode { get; set; } = 500;

    /// <summary>
    /// Whether reads of a service's description (GET or HEAD with a <c>wsdl</c>, <c>singleWsdl</c> or
    /// <c>xsd</c> query parameter) are forwarded without counting as a call or touching any lock. The default
    /// is <c>true</c>: clients built from <c>?wsdl</c> fetch it right before their first call.
    /// </summary>
    public bool ForwardMetadataReads { get; set; } = true;

    /// <summary>
    /// When the start of a SOAP envelope is read to find, and check, the operation the backend will run. The
    /// default is <see cref="Soap.EnvelopeCheck.Always"/>.
    /// </summary>
    public Soap.EnvelopeCheck EnvelopeCheck { get; set; } = Soap.EnvelopeCheck.Always;

    /// <summary>
    /// Most bytes of a body read to reach the first element of the envelope's Body (the root part of a
    /// multipart request): enough for WS-Security headers with certificates and signatures. A request whose
    /// envelope needs more is refused. The default is 65536.
    /// </summary>
    public int MaxEnvelopePeekBytes { get; set; } = 65_536;
}
