using System.Xml.Serialization;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>
/// What happened (<see cref="Event"/>) and in which service (<see cref="Service"/>), after the optional
/// <see cref="Batch"/> of a receipt: mapped because XmlSerializer reads an ordered sequence position by position.
/// </summary>
[XmlType(Namespace = CaisoContract.StandardOutputNamespace)]
public sealed class EventLog
{
    [XmlElement(Order = 0)]
    public Batch? Batch { get; set; }

    [XmlElement(Order = 1)]
    public CaisoEvent? Event { get; set; }

    [XmlElement(Order = 2)]
    public Service? Service { get; set; }
}
