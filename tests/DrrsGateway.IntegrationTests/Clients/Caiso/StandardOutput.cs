using System.Xml.Serialization;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>
/// CAISO's <c>StandardOutput</c> v1, as XmlSerializer classes generated from its schema: a submit's answer and
/// the detail of every fault. The optional MessageHeader, first and never sent here, is left unmapped.
/// </summary>
[XmlType(Namespace = CaisoContract.StandardOutputNamespace)]
[XmlRoot(Namespace = CaisoContract.StandardOutputNamespace, IsNullable = false)]
public sealed class StandardOutput
{
    [XmlElement(Order = 0)]
    public MessagePayload? MessagePayload { get; set; }
}
