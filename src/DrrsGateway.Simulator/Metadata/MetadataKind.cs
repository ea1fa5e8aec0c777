namespace DrrsGateway.Simulator.Metadata;

/// <summary>Which service description a request reads, if any.</summary>
internal enum MetadataKind
{
    /// <summary>Not a metadata read: an operation call.</summary>
    None,

    /// <summary><c>?wsdl</c>: the WSDL, importing its schema from <c>?xsd=1</c> as JAX-WS RI does.</summary>
    Wsdl,

    /// <summary><c>?singleWsdl</c>: the WSDL with its schema inline, as WCF serves it.</summary>
    SingleWsdl,

    /// <summary><c>?xsd=N</c>: a schema the WSDL imports.</summary>
    Schema,
}
