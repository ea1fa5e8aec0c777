using System.Xml.Linq;
using DrrsGateway.Simulator.AccessPoints;
using DrrsGateway.Simulator.Caiso;

namespace DrrsGateway.Simulator.Metadata;

/// <summary>
/// The inline schemas of one access point's WSDL, one per namespace and none importing another:
/// StandardOutput, the request element (if the Body has one) and the retrieve's response element.
/// </summary>
/// <remarks>
/// The request and response elements hold open content (<c>xsd:any processContents="lax"</c>): the simulator
/// reads nothing of a query but a batch id, and its canned data is its own, not CAISO's.
/// </remarks>
internal static class AccessPointSchemas
{
    public static IEnumerable<XElement> For(AccessPoint accessPoint)
    {
        ArgumentNullException.ThrowIfNull(accessPoint);
        yield return StandardOutputSchema.Build();
        if (accessPoint.RequestElement is { } request)
        {
            yield return request == CaisoNamespaces.IsoAttachment + "ISOAttachment" ? IsoAttachment(request) : Schema(request, OpenContent());
        }

        if (!accessPoint.Operation.IsSubmit)
        {
            yield return Schema(accessPoint.ResponseElement, OpenContent());
        }
    }

    // DocAttach: base64 of the gzipped document, inline in the Body.
    private static XElement IsoAttachment(XName element) =>
        Schema(
            element,
            new XElement(SchemaDocument.Xsd + "element", new XAttribute("name", "AttachmentValue"), new XAttribute("type", "xsd:base64Binary")));

    private static XElement OpenContent() =>
        new(
            SchemaDocument.Xsd + "any",
            new XAttribute("namespace", "##any"),
            new XAttribute("processContents", "lax"),
            new XAttribute("minOccurs", "0"),
            new XAttribute("maxOccurs", "unbounded"));

    private static XElement Schema(XName element, XElement content)
    {
        var xsd = SchemaDocument.Xsd;
        return new XElement(
            xsd + "schema",
            new XAttribute(XNamespace.Xmlns + "xsd", xsd),
            new XAttribute("targetNamespace", element.Namespace),
            new XAttribute("elementFormDefault", "qualified"),
            new XElement(
                xsd + "element",
                new XAttribute("name", element.LocalName),
                new XElement(xsd + "complexType", new XElement(xsd + "sequence", content))));
    }
}
