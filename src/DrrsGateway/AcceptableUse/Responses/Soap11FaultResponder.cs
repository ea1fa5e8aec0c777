using System.Xml;

namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>
/// A SOAP 1.1 Fault: <c>soap:Client</c> (or <c>soap:Server</c> when the gateway is at fault) with the
/// message as <c>faultstring</c>, served as <c>text/xml</c> with HTTP 500 as the SOAP 1.1 HTTP binding expects.
/// </summary>
internal sealed class Soap11FaultResponder : SoapFaultResponder
{
    internal const string EnvelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/";

    public static Soap11FaultResponder Instance { get; } = new();

    protected override string ContentType => "text/xml; charset=utf-8";

    protected override int CallerFaultStatusCode(AupSoapOptions soap) => soap.Soap11FaultStatusCode;

    protected override void WriteEnvelope(XmlWriter writer, bool gatewayFault, string reason)
    {
        writer.WriteStartElement("soap", "Envelope", EnvelopeNamespace);
        writer.WriteStartElement("soap", "Body", EnvelopeNamespace);
        writer.WriteStartElement("soap", "Fault", EnvelopeNamespace);

        // SOAP 1.1 puts faultcode and faultstring in no namespace; the code is a QName in the envelope's.
        writer.WriteElementString("faultcode", gatewayFault ? "soap:Server" : "soap:Client");
        writer.WriteElementString("faultstring", reason);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }
}
