using System.Xml;
using System.Xml.Serialization;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>
/// An element the simulator's schemas leave open (<c>xsd:any</c>): the <c>RequestDRRegistrationData</c> query,
/// empty being a valid one, and a retrieve's answer (its canned data). The message contract names the element.
/// </summary>
public sealed class OpenContent
{
    [XmlAnyElement(Order = 0)]
    public XmlElement[]? Any { get; set; }
}
