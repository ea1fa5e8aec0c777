using System.Xml.Linq;
using DrrsGateway.Simulator.Operations;

namespace DrrsGateway.Simulator.Metadata;

/// <summary>
/// The WSDL 1.1 of the simulator, document/literal wrapped, with a SOAP 1.1 and a SOAP 1.2 binding and a
/// port for each. The names below are a contract: client tests are written against them.
/// </summary>
internal static class WsdlDocument
{
    public const string ServiceName = "DrrsService";
    public const string PortTypeName = "DrrsPortType";
    public const string Soap11BindingName = "DrrsSoap11Binding";
    public const string Soap12BindingName = "DrrsSoap12Binding";
    public const string Soap11PortName = "DrrsSoap11Port";
    public const string Soap12PortName = "DrrsSoap12Port";

    /// <summary>The single part of every message, as JAX-WS and WCF name the wrapper part.</summary>
    public const string PartName = "parameters";

    public static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/wsdl/soap/";
    public static readonly XNamespace Soap12 = "http://schemas.xmlsoap.org/wsdl/soap12/";
    public static readonly XNamespace AddressingMetadata = "http://www.w3.org/2007/05/addressing/metadata";

    private const string HttpTransport = "http://schemas.xmlsoap.org/soap/http";

    /// <summary>
    /// The WSDL for <paramref name="operations"/> at <paramref name="address"/>; its schema is imported from
    /// <paramref name="schemaLocation"/>, or inline when that is <c>null</c>.
    /// </summary>
    public static XDocument Build(IReadOnlyList<DrrsOperation> operations, string address, string? schemaLocation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentException.ThrowIfNullOrEmpty(address);
        var tns = DrrsOperation.ResponseNamespace;
        var xsd = SchemaDocument.Xsd;
        var types = schemaLocation is null
            ? SchemaDocument.Build(operations)
            : new XElement(
                xsd + "schema",
                new XElement(xsd + "import", new XAttribute("namespace", tns), new XAttribute("schemaLocation", schemaLocation)));

        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Wsdl + "definitions",
                new XAttribute("name", ServiceName),
                new XAttribute("targetNamespace", tns),
                new XAttribute(XNamespace.Xmlns + "wsdl", Wsdl),
                new XAttribute(XNamespace.Xmlns + "soap", Soap11),
                new XAttribute(XNamespace.Xmlns + "soap12", Soap12),
                new XAttribute(XNamespace.Xmlns + "wsam", AddressingMetadata),
                new XAttribute(XNamespace.Xmlns + "xsd", xsd),
                new XAttribute(XNamespace.Xmlns + "tns", tns),
                new XElement(Wsdl + "types", types),
                operations.SelectMany(Messages),
                new XElement(Wsdl + "portType", new XAttribute("name", PortTypeName), operations.Select(AbstractOperation)),
                Binding(Soap11BindingName, Soap11, operations),
                Binding(Soap12BindingName, Soap12, operations),
                new XElement(
                    Wsdl + "service",
                    new XAttribute("name", ServiceName),
                    Port(Soap11PortName, Soap11BindingName, Soap11, address),
                    Port(Soap12PortName, Soap12BindingName, Soap12, address))));
    }

    private static IEnumerable<XElement> Messages(DrrsOperation operation) =>
        new[] { operation.Name, operation.ResponseName }.Select(name => new XElement(
            Wsdl + "message",
            new XAttribute("name", name),
            new XElement(Wsdl + "part", new XAttribute("name", PartName), new XAttribute("element", "tns:" + name))));

    // wsam:Action tells WS-Addressing clients the actions the simulator sends and expects.
    private static XElement AbstractOperation(DrrsOperation operation) =>
        new(
            Wsdl + "operation",
            new XAttribute("name", operation.Name),
            new XElement(Wsdl + "input", new XAttribute("message", "tns:" + operation.Name), new XAttribute(AddressingMetadata + "Action", operation.SoapAction)),
            new XElement(Wsdl + "output", new XAttribute("message", "tns:" + operation.ResponseName), new XAttribute(AddressingMetadata + "Action", operation.ReplyAction)));

    private static XElement Binding(string name, XNamespace soap, IEnumerable<DrrsOperation> operations) =>
        new(
            Wsdl + "binding",
            new XAttribute("name", name),
            new XAttribute("type", "tns:" + PortTypeName),
            new XElement(soap + "binding", new XAttribute("transport", HttpTransport), new XAttribute("style", "document")),
            operations.Select(operation => new XElement(
                Wsdl + "operation",
                new XAttribute("name", operation.Name),
                new XElement(soap + "operation", new XAttribute("soapAction", operation.SoapAction), new XAttribute("style", "document")),
                new XElement(Wsdl + "input", new XElement(soap + "body", new XAttribute("use", "literal"))),
                new XElement(Wsdl + "output", new XElement(soap + "body", new XAttribute("use", "literal"))))));

    private static XElement Port(string name, string bindingName, XNamespace soap, string address) =>
        new(
            Wsdl + "port",
            new XAttribute("name", name),
            new XAttribute("binding", "tns:" + bindingName),
            new XElement(soap + "address", new XAttribute("location", address)));
}
