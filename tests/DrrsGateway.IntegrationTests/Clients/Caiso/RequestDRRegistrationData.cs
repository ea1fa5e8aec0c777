using System.Xml;
using System.Xml.Serialization;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>
/// The bare request of <c>retrieveDRLocations_v1</c> and <c>retrieveDRRegistrations_v1</c>; the simulator's
/// schema leaves its content open, and an empty query is a valid one.
/// </summary>
[XmlType(AnonymousType = true, Namespace = CaisoContract.RequestNamespace)]
public sealed class RequestDRRegistrationData
{
    [XmlAnyElement(Order = 0)]
    public XmlElement[]? Any { get; set; }
}
