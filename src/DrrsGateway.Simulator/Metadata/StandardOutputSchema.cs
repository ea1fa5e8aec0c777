using System.Xml.Linq;
using DrrsGateway.Simulator.Caiso;

namespace DrrsGateway.Simulator.Metadata;

/// <summary>
/// The schema of CAISO's <c>StandardOutput</c> v1, as the issue 19 contract fixes it: element and type
/// <c>StandardOutput</c>, with <c>Event</c>'s children in the order creationDateTime, description, id, result.
/// </summary>
internal static class StandardOutputSchema
{
    private const string Prefix = "so";

    public static XElement Build()
    {
        var xsd = SchemaDocument.Xsd;
        return new XElement(
            xsd + "schema",
            new XAttribute(XNamespace.Xmlns + "xsd", xsd),
            new XAttribute(XNamespace.Xmlns + Prefix, CaisoNamespaces.StandardOutput),
            new XAttribute("targetNamespace", CaisoNamespaces.StandardOutput),
            new XAttribute("elementFormDefault", "qualified"),
            new XElement(xsd + "element", new XAttribute("name", "StandardOutput"), new XAttribute("type", Prefix + ":StandardOutput")),
            Type("StandardOutput", Field("MessageHeader", Prefix + ":MessageHeader", optional: true), Field("MessagePayload", Prefix + ":MessagePayload")),
            Type("MessageHeader", Field("TimeDate", "xsd:dateTime"), Field("Source", "xsd:string"), Field("Version", "xsd:string")),
            Type("MessagePayload", Field("EventLog", Prefix + ":EventLog")),
            Type("EventLog", Field("Batch", Prefix + ":Batch", optional: true), Field("Event", Prefix + ":Event"), Field("Service", Prefix + ":Service")),
            Type("Batch", Field("mRID", "xsd:string"), Field("creationTime", "xsd:dateTime", optional: true)),
            Type(
                "Event",
                Field("creationDateTime", "xsd:dateTime", optional: true),
                Field("description", "xsd:string", optional: true),
                Field("id", "xsd:string"),
                Field("result", "xsd:string")),
            Type("Service", Field("id", "xsd:string"), Field("name", "xsd:string")));
    }

    private static XElement Type(string name, params XElement[] fields) =>
        new(SchemaDocument.Xsd + "complexType", new XAttribute("name", name), new XElement(SchemaDocument.Xsd + "sequence", fields));

    private static XElement Field(string name, string type, bool optional = false) =>
        new(
            SchemaDocument.Xsd + "element",
            new XAttribute("name", name),
            new XAttribute("type", type),
            optional ? new XAttribute("minOccurs", "0") : null);
}
