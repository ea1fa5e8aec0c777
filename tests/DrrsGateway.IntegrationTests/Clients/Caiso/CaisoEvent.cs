using System.Xml.Serialization;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>One <c>Event</c> of a <see cref="StandardOutput"/> (renamed: <c>Event</c> is a keyword in other .NET languages), its children in the schema's order.</summary>
[XmlType("Event", Namespace = CaisoContract.StandardOutputNamespace)]
public sealed class CaisoEvent
{
    [XmlElement("creationDateTime", Order = 0)]
    public DateTime CreationDateTime { get; set; }

    /// <summary>Whether <see cref="CreationDateTime"/> was present: it is optional.</summary>
    [XmlIgnore]
    public bool CreationDateTimeSpecified { get; set; }

    [XmlElement("description", Order = 1)]
    public string? Description { get; set; }

    [XmlElement("id", Order = 2)]
    public string? Id { get; set; }

    [XmlElement("result", Order = 3)]
    public string? Result { get; set; }
}
