using System.Xml.Serialization;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>The batch a submit's receipt names.</summary>
[XmlType(Namespace = CaisoContract.StandardOutputNamespace)]
public sealed class Batch
{
    [XmlElement("mRID", Order = 0)]
    public string? MRid { get; set; }
}
