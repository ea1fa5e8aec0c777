using System.Xml.Serialization;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>A DocAttach submit's Body: the document (base64 of its gzip) inline in <c>ISOAttachment/AttachmentValue</c>.</summary>
[XmlType(AnonymousType = true, Namespace = CaisoContract.AttachmentNamespace)]
public sealed class IsoAttachment
{
    [XmlElement(DataType = "base64Binary", Order = 0)]
    public byte[]? AttachmentValue { get; set; }
}
