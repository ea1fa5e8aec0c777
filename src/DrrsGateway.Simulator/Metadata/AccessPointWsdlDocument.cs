using System.Globalization;
using System.Xml.Linq;
using DrrsGateway.Simulator.AccessPoints;
using DrrsGateway.Simulator.Caiso;

namespace DrrsGateway.Simulator.Metadata;

/// <summary>
/// The WSDL 1.1 of one access point as the issue 19 contract fixes it: document/literal bare, one SOAP 1.1
/// binding and one port, names derived from the operation (<see cref="AccessPoint.Designation"/>), and the
/// <c>faultReturnType</c> fault whose part is a <c>StandardOutput</c>, so generated clients get CAISO's typed fault.
/// </summary>
internal static class AccessPointWsdlDocument
{
    /// <summary>The fault every operation declares, and its message, as CAISO's WSDLs name them.</summary>
    public const string FaultName = "faultReturnType";

    /// <summary>The part of the fault message.</summary>
    public const string FaultPartName = "fault";

    private const string HttpTransport = "http://schemas.xmlsoap.org/soap/http";

    private static readonly XName FaultElement = CaisoNamespaces.StandardOutput + "StandardOutput";

    /// <summary>The WSDL of <paramref name="accessPoint"/>, whose port is at <paramref name="address"/>.</summary>
    public static XDocument Build(AccessPoint accessPoint, string address)
    {
        ArgumentNullException.ThrowIfNull(accessPoint);
        ArgumentException.ThrowIfNullOrEmpty(address);
        var wsdl = WsdlDocument.Wsdl;
        var name = accessPoint.Designation;
        var prefixes = ElementPrefixes(accessPoint);

        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                wsdl + "definitions",
                new XAttribute("name", name),
                new XAttribute("targetNamespace", accessPoint.TargetNamespace),
                new XAttribute(XNamespace.Xmlns + "wsdl", wsdl),
                new XAttribute(XNamespace.Xmlns + "soap", WsdlDocument.Soap11),
                new XAttribute(XNamespace.Xmlns + "xsd", SchemaDocument.Xsd),
                new XAttribute(XNamespace.Xmlns + "tns", accessPoint.TargetNamespace),
                prefixes.Select(pair => new XAttribute(XNamespace.Xmlns + pair.Value, pair.Key)),
                new XElement(wsdl + "types", AccessPointSchemas.For(accessPoint)),
                Message(name + "Request", accessPoint.RequestElement, prefixes),
                Message(name + "Response", accessPoint.ResponseElement, prefixes),
                Message(FaultName, FaultElement, prefixes, FaultPartName),
                PortType(name),
                Binding(name, accessPoint.SoapAction),
                new XElement(
                    wsdl + "service",
                    new XAttribute("name", accessPoint.ServiceName),
                    new XElement(
                        wsdl + "port",
                        new XAttribute("name", accessPoint.PortName),
                        new XAttribute("binding", "tns:" + BindingName(name)),
                        new XElement(WsdlDocument.Soap11 + "address", new XAttribute("location", address))))));
    }

    // Every element namespace gets a prefix on the root: node-soap resolves part QNames from there only.
    private static Dictionary<XNamespace, string> ElementPrefixes(AccessPoint accessPoint) =>
        new[] { FaultElement, accessPoint.RequestElement, accessPoint.ResponseElement }
            .OfType<XName>()
            .Select(element => element.Namespace)
            .Distinct()
            .Select((ns, index) => (Namespace: ns, Prefix: "ns" + index.ToString(CultureInfo.InvariantCulture)))
            .ToDictionary(pair => pair.Namespace, pair => pair.Prefix);

    // A part is named after its element; a plain submit's request has no part, as its Body is empty.
    private static XElement Message(string name, XName? element, Dictionary<XNamespace, string> prefixes, string? partName = null) =>
        new(
            WsdlDocument.Wsdl + "message",
            new XAttribute("name", name),
            element is null
                ? null
                : new XElement(
                    WsdlDocument.Wsdl + "part",
                    new XAttribute("name", partName ?? element.LocalName),
                    new XAttribute("element", $"{prefixes[element.Namespace]}:{element.LocalName}")));

    private static XElement PortType(string name)
    {
        var wsdl = WsdlDocument.Wsdl;
        return new XElement(
            wsdl + "portType",
            new XAttribute("name", name),
            new XElement(
                wsdl + "operation",
                new XAttribute("name", name),
                new XElement(wsdl + "input", new XAttribute("message", $"tns:{name}Request")),
                new XElement(wsdl + "output", new XAttribute("message", $"tns:{name}Response")),
                new XElement(wsdl + "fault", new XAttribute("name", FaultName), new XAttribute("message", "tns:" + FaultName))));
    }

    private static XElement Binding(string name, string soapAction)
    {
        var wsdl = WsdlDocument.Wsdl;
        var soap = WsdlDocument.Soap11;
        return new XElement(
            wsdl + "binding",
            new XAttribute("name", BindingName(name)),
            new XAttribute("type", "tns:" + name),
            new XElement(soap + "binding", new XAttribute("style", "document"), new XAttribute("transport", HttpTransport)),
            new XElement(
                wsdl + "operation",
                new XAttribute("name", name),
                new XElement(soap + "operation", new XAttribute("soapAction", soapAction), new XAttribute("style", "document")),
                new XElement(wsdl + "input", new XElement(soap + "body", new XAttribute("use", "literal"))),
                new XElement(wsdl + "output", new XElement(soap + "body", new XAttribute("use", "literal"))),
                new XElement(
                    wsdl + "fault",
                    new XAttribute("name", FaultName),
                    new XElement(soap + "fault", new XAttribute("name", FaultName), new XAttribute("use", "literal")))));
    }

    private static string BindingName(string name) => name + "Binding";
}
