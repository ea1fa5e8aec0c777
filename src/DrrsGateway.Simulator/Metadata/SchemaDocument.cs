using System.Xml.Linq;
using DrrsGateway.Simulator.Operations;

namespace DrrsGateway.Simulator.Metadata;

/// <summary>
/// The XML schema of the operations' wrapper elements (document/literal wrapped): a request element named
/// like the operation and a <c>{operation}Response</c> element, both in <see cref="DrrsOperation.ResponseNamespace"/>.
/// </summary>
/// <remarks>
/// The wrappers hold open content (<c>xsd:any processContents="lax"</c>) so every canned answer validates
/// and callers may send whatever their real DRRS messages carry.
/// </remarks>
internal static class SchemaDocument
{
    public static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";
    public static readonly XNamespace XmlMime = "http://www.w3.org/2005/05/xmlmime";

    /// <summary>The optional base64Binary element of Submit requests, which an MTOM client sends as a MIME part.</summary>
    public const string AttachmentElement = "attachment";

    /// <summary>The schema describing <paramref name="operations"/>.</summary>
    public static XElement Build(IEnumerable<DrrsOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var tns = DrrsOperation.ResponseNamespace;
        return new XElement(
            Xsd + "schema",
            new XAttribute(XNamespace.Xmlns + "xsd", Xsd),
            new XAttribute(XNamespace.Xmlns + "xmime", XmlMime),
            new XAttribute(XNamespace.Xmlns + "tns", tns),
            new XAttribute("targetNamespace", tns),
            new XAttribute("elementFormDefault", "qualified"),
            operations.SelectMany(operation => new[]
            {
                // ##other keeps the open content apart from the named fields (no ambiguous content model).
                Wrapper(operation.Name, RequestFields(operation.RequestContent), "##other"),
                Wrapper(operation.ResponseName, [], "##any"),
            }));
    }

    private static XElement Wrapper(string name, IEnumerable<XElement> fields, string openNamespaces) =>
        new(
            Xsd + "element",
            new XAttribute("name", name),
            new XElement(
                Xsd + "complexType",
                new XElement(
                    Xsd + "sequence",
                    fields,
                    new XElement(
                        Xsd + "any",
                        new XAttribute("namespace", openNamespaces),
                        new XAttribute("processContents", "lax"),
                        new XAttribute("minOccurs", "0"),
                        new XAttribute("maxOccurs", "unbounded")))));

    private static IEnumerable<XElement> RequestFields(DrrsRequestContent content) => content switch
    {
        DrrsRequestContent.BatchId =>
        [
            new XElement(Xsd + "element", new XAttribute("name", BatchStatusReport.BatchIdElement), new XAttribute("type", "xsd:string"), new XAttribute("minOccurs", "0")),
        ],
        DrrsRequestContent.Attachment =>
        [
            new XElement(
                Xsd + "element",
                new XAttribute("name", AttachmentElement),
                new XAttribute("type", "xsd:base64Binary"),
                new XAttribute("minOccurs", "0"),
                new XAttribute(XmlMime + "expectedContentTypes", "application/octet-stream")),
        ],
        _ => [],
    };
}
