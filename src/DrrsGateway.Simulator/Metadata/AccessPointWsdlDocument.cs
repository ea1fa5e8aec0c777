using System.Xml.Linq;
using DrrsGateway.Simulator.AccessPoints;

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

    /// <summary>The WSDL of <paramref name="accessPoint"/>, whose port is at <paramref name="address"/>.</summary>
    public static XDocument Build(AccessPoint accessPoint, string address)
    {
        ArgumentNullException.ThrowIfNull(accessPoint);
        ArgumentException.ThrowIfNullOrEmpty(address);
        var wsdl = WsdlDocument.Wsdl;
        var soap = WsdlDocument.Soap11;
        // A plain submit's request message has no part: its Body is empty.
        var name = accessPoint.Designation;
        var bindingName = name + "Binding";
        var requestMessage = name + "Request";
        var responseMessage = name + "Response";
        var literal = new XElement(soap + "body", new XAttribute("use", "literal"));
        var fault = Caiso.CaisoNamespaces.StandardOutput + "StandardOutput";

        // Every element namespace gets a prefix on the root: node-soap resolves part QNames from there only.
        var prefixes = new[] { fault, accessPoint.RequestElement, accessPoint.ResponseElement }
            .OfType<XName>()
            .Select(element => element.Namespace)
            .Distinct()
            .Select((ns, index) => (Namespace: ns, Prefix: "ns" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(pair => pair.Namespace, pair => pair.Prefix);
        XElement Message(string messageName, XName? element, string? partName = null) =>
            new(
                wsdl + "message",
                new XAttribute("name", messageName),
                element is null
                    ? null
                    : new XElement(
                        wsdl + "part",
                        new XAttribute("name", partName ?? element.LocalName),
                        new XAttribute("element", $"{prefixes[element.Namespace]}:{element.LocalName}")));

        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                wsdl + "definitions",
                new XAttribute("name", name),
                new XAttribute("targetNamespace", accessPoint.TargetNamespace),
                new XAttribute(XNamespace.Xmlns + "wsdl", wsdl),
                new XAttribute(XNamespace.Xmlns + "soap", soap),
                new XAttribute(XNamespace.Xmlns + "xsd", SchemaDocument.Xsd),
                new XAttribute(XNamespace.Xmlns + "tns", accessPoint.TargetNamespace),
                prefixes.Select(pair => new XAttribute(XNamespace.Xmlns + pair.Value, pair.Key)),
                new XElement(wsdl + "types", AccessPointSchemas.For(accessPoint)),
                Message(requestMessage, accessPoint.RequestElement),
                Message(responseMessage, accessPoint.ResponseElement),
                Message(FaultName, fault, FaultPartName),
                new XElement(
                    wsdl + "portType",
                    new XAttribute("name", name),
                    new XElement(
                        wsdl + "operation",
                        new XAttribute("name", name),
                        new XElement(wsdl + "input", new XAttribute("message", "tns:" + requestMessage)),
                        new XElement(wsdl + "output", new XAttribute("message", "tns:" + responseMessage)),
                        new XElement(wsdl + "fault", new XAttribute("name", FaultName), new XAttribute("message", "tns:" + FaultName)))),
                new XElement(
                    wsdl + "binding",
                    new XAttribute("name", bindingName),
                    new XAttribute("type", "tns:" + name),
                    new XElement(soap + "binding", new XAttribute("style", "document"), new XAttribute("transport", HttpTransport)),
                    new XElement(
                        wsdl + "operation",
                        new XAttribute("name", name),
                        new XElement(soap + "operation", new XAttribute("soapAction", accessPoint.SoapAction), new XAttribute("style", "document")),
                        new XElement(wsdl + "input", literal),
                        new XElement(wsdl + "output", new XElement(literal)),
                        new XElement(
                            wsdl + "fault",
                            new XAttribute("name", FaultName),
                            new XElement(soap + "fault", new XAttribute("name", FaultName), new XAttribute("use", "literal"))))),
                new XElement(
                    wsdl + "service",
                    new XAttribute("name", accessPoint.ServiceName),
                    new XElement(
                        wsdl + "port",
                        new XAttribute("name", accessPoint.PortName),
                        new XAttribute("binding", "tns:" + bindingName),
                        new XElement(soap + "address", new XAttribute("location", address))))));
    }
}
