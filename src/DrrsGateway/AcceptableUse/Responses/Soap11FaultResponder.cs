using System.Xml;
using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>
/// A SOAP 1.1 Fault: <c>soap:Client</c> (or <c>soap:Server</c> when the gateway is at fault) with the
/// message as <c>faultstring</c>, served as <c>text/xml</c> with HTTP 500 as the SOAP 1.1 HTTP binding expects.
/// </summary>
internal sealed class Soap11FaultResponder : SoapFaultResponder
{
    internal const string Namespace = "http://schemas.xmlsoap.org/soap/envelope/";

    private Soap11FaultResponder()
        : base("text/xml; charset=utf-8", "soap", Namespace)
    {
    }

    public static Soap11FaultResponder Instance { get; } = new();

    protected override int CallerFaultStatusCode(SoapPolicy soap) => soap.Soap11FaultStatusCode;

    protected override void WriteFault(XmlWriter writer, bool gatewayFault, string reason)
    {
        // SOAP 1.1 puts faultcode and faultstring in no namespace; the code is a QName in the envelope's.
        writer.WriteElementString("faultcode", gatewayFault ? $"{Prefix}:Server" : $"{Prefix}:Client");
        writer.WriteElementString("faultstring", reason);
    }
}
