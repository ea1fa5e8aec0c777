using System.Xml;

namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>
/// A SOAP 1.2 Fault: <c>env:Sender</c> (or <c>env:Receiver</c> when the gateway is at fault) with the
/// message in <c>env:Reason/env:Text xml:lang="en"</c>, served as <c>application/soap+xml</c> with HTTP 400
/// for Sender faults as the SOAP 1.2 HTTP binding maps them.
/// </summary>
internal sealed class Soap12FaultResponder : SoapFaultResponder
{
    internal const string EnvelopeNamespace = "http://www.w3.org/2003/05/soap-envelope";
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    public static Soap12FaultResponder Instance { get; } = new();

    protected override string ContentType => "application/soap+xml; charset=utf-8";

    protected override int CallerFaultStatusCode(AupSoapOptions soap) => soap.Soap12FaultStatusCode;

    protected override void WriteEnvelope(XmlWriter writer, bool gatewayFault, string reason)
    {
        writer.WriteStartElement("env", "Envelope", EnvelopeNamespace);
        writer.WriteStartElement("env", "Body", EnvelopeNamespace);
        writer.WriteStartElement("env", "Fault", EnvelopeNamespace);

        writer.WriteStartElement("env", "Code", EnvelopeNamespace);
        writer.WriteElementString("env", "Value", EnvelopeNamespace, gatewayFault ? "env:Receiver" : "env:Sender");
        writer.WriteEndElement();

        writer.WriteStartElement("env", "Reason", EnvelopeNamespace);
        writer.WriteStartElement("env", "Text", EnvelopeNamespace);
        writer.WriteAttributeString("xml", "lang", XmlNamespace, "en");
        writer.WriteString(reason);
        writer.WriteEndElement();
        writer.WriteEndElement();

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }
}
