using System.Xml;
using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>
/// A SOAP 1.2 Fault: <c>env:Sender</c> (or <c>env:Receiver</c> when the gateway is at fault) with the
/// message in <c>env:Reason/env:Text xml:lang="en"</c> and CAISO's <see cref="StandardOutputDetail"/> in
/// <c>env:Detail</c>, served as <c>application/soap+xml</c> with HTTP 400 for Sender faults as the SOAP 1.2
/// HTTP binding maps them.
/// </summary>
internal sealed class Soap12FaultResponder : SoapFaultResponder
{
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    internal Soap12FaultResponder(TimeProvider time)
        : base("application/soap+xml; charset=utf-8", "env", SoapNamespaces.Soap12, time)
    {
    }

    public static Soap12FaultResponder Instance { get; } = new(TimeProvider.System);

    protected override int CallerFaultStatusCode(SoapPolicy soap) => soap.Soap12FaultStatusCode;

    protected override void WriteCodeAndReason(XmlWriter writer, bool gatewayFault, string reason)
    {
        writer.WriteStartElement(Prefix, "Code", EnvelopeNamespace);
        writer.WriteElementString(Prefix, "Value", EnvelopeNamespace, gatewayFault ? $"{Prefix}:Receiver" : $"{Prefix}:Sender");
        writer.WriteEndElement();

        writer.WriteStartElement(Prefix, "Reason", EnvelopeNamespace);
        writer.WriteStartElement(Prefix, "Text", EnvelopeNamespace);
        writer.WriteAttributeString("xml", "lang", XmlNamespace, "en");
        writer.WriteString(reason);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    protected override void WriteDetailStart(XmlWriter writer) => writer.WriteStartElement(Prefix, "Detail", EnvelopeNamespace);
}
