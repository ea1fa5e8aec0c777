using System.Xml;
using System.Xml.Serialization;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>A retrieve's answer as the simulator's WSDL declares it: open content (its canned data).</summary>
[XmlType(AnonymousType = true, Namespace = CaisoContract.SimulatorNamespace)]
public sealed class RetrieveAnswer
{
    [XmlAnyElement(Order = 0)]
    public XmlElement[]? Any { get; set; }
}
