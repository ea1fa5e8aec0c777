using System.Xml.Serialization;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>The payload of a <see cref="StandardOutput"/>: its event log.</summary>
[XmlType(Namespace = CaisoContract.StandardOutputNamespace)]
public sealed class MessagePayload
{
    [XmlElement(Order = 0)]
    public EventLog? EventLog { get; set; }
}
