using System.Xml;
using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>
/// A SOAP 1.1 Fault as CAISO writes one: <c>SOAP-ENV:Client</c> (or <c>SOAP-ENV:Server</c> when the gateway
/// is at fault) with the message as <c>faultstring</c> and a <see cref="StandardOutputDetail"/> as
/// <c>detail</c>, served as <c>text/xml</c> with HTTP 500 as the SOAP 1.1 HTTP binding expects.
/// </summary>
internal sealed class Soap11FaultResponder : SoapFaultResponder
{
    // CAISO's prefix: a client matching the faultcode text rather than its QName still reads the same string.
    internal const string EnvelopePrefix = "SOAP-ENV";

    internal Soap11FaultResponder(TimeProvider time)
        : base("text/xml; charset=utf-8", EnvelopePrefix, SoapNamespaces.Soap11, time)
    {
    }

    public static Soap11FaultResponder Instance { get; } = new(TimeProvider.System);

    protected override int CallerFaultStatusCode(SoapPolicy soap) => soap.Soap11FaultStatusCode;

    protected override void WriteCodeAndReason(XmlWriter writer, bool gatewayFault, string reason)
    {
        // SOAP 1.1 puts faultcode, faultstring and detail in no namespace; the code is a QName in the envelope's.
        writer.WriteElementString("faultcode", gatewayFault ? $"{Prefix}:Server" : $"{Prefix}:Client");
        writer.WriteElementString("faultstring", reason);
    }

    protected override void WriteDetailStart(XmlWriter writer) => writer.WriteStartElement("detail");
}
