using System.Xml.Serialization;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>The service an event of a <see cref="StandardOutput"/> belongs to.</summary>
[XmlType(Namespace = CaisoContract.StandardOutputNamespace)]
public sealed class Service
{
    [XmlElement("id", Order = 0)]
    public string? Id { get; set; }

    [XmlElement("name", Order = 1)]
    public string? Name { get; set; }
}
