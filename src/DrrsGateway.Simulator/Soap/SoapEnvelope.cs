using System.Xml.Linq;

namespace DrrsGateway.Simulator.Soap;

/// <summary>Builds SOAP 1.1 and 1.2 envelopes and faults as XML trees, so untrusted text is always escaped; finds parts of a request's envelope.</summary>
internal static class SoapEnvelope
{
    public static readonly XNamespace Soap11Namespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Soap12Namespace = "http://www.w3.org/2003/05/soap-envelope";

    /// <summary>The envelope prefix of the generic endpoint's answers.</summary>
    public const string Prefix = "soap";

    /// <summary>The envelope prefix CAISO's access points answer with (its fault codes read <c>SOAP-ENV:Client</c>).</summary>
    public const string CaisoPrefix = "SOAP-ENV";

    public static XNamespace NamespaceOf(SoapVersion version) =>
        version == SoapVersion.Soap12 ? Soap12Namespace : Soap11Namespace;

    /// <summary>
    /// An envelope whose body holds <paramref name="content"/>, with <paramref name="headers"/> in a Header when
    /// there are any, its SOAP namespace bound to <paramref name="prefix"/>.
    /// </summary>
    public static XDocument Wrap(SoapVersion version, XElement content, IEnumerable<XElement>? headers = null, string prefix = Prefix)
    {
        var soap = NamespaceOf(version);
        var headerElements = headers?.ToList() ?? [];
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                soap + "Envelope",
                new XAttribute(XNamespace.Xmlns + prefix, soap),
                headerElements.Count > 0 ? new XElement(soap + "Header", headerElements) : null,
                new XElement(soap + "Body", content)));
    }

    /// <summary>A fault blaming the caller (SOAP 1.1 <c>Client</c>, SOAP 1.2 <c>Sender</c>) with <paramref name="reason"/>.</summary>
    public static XElement SenderFault(SoapVersion version, string reason)
    {
        var soap = NamespaceOf(version);
        return version == SoapVersion.Soap12
            ? new XElement(
                soap + "Fault",
                new XElement(soap + "Code", new XElement(soap + "Value", Prefix + ":Sender")),
                new XElement(soap + "Reason", new XElement(soap + "Text", new XAttribute(XNamespace.Xml + "lang", "en"), reason)))
            : new XElement(
                soap + "Fault",
                new XElement("faultcode", Prefix + ":Client"),
                new XElement("faultstring", reason));
    }

    /// <summary>The envelope's Header, in whichever SOAP namespace the envelope uses; <c>null</c> when absent.</summary>
    public static XElement? HeaderOf(XDocument? envelope) => ChildOfEnvelope(envelope, "Header");

    /// <summary>The first element inside the envelope's Body; <c>null</c> when there is none.</summary>
    public static XElement? FirstBodyElement(XDocument? envelope) => ChildOfEnvelope(envelope, "Body")?.Elements().FirstOrDefault();

    private static XElement? ChildOfEnvelope(XDocument? envelope, string localName)
    {
        var root = envelope?.Root;
        if (root is null || root.Name.LocalName != "Envelope"
            || (root.Name.Namespace != Soap11Namespace && root.Name.Namespace != Soap12Namespace))
        {
            return null;
        }

        return root.Element(root.Name.Namespace + localName);
    }
}
