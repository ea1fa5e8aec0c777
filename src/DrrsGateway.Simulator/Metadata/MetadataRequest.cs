namespace DrrsGateway.Simulator.Metadata;

/// <summary>
/// Recognises metadata reads: a GET or HEAD with a <c>wsdl</c>, <c>singleWsdl</c> or <c>xsd</c> query
/// parameter, in any case. They describe the service and are not operation calls; a POST with <c>?wsdl</c> is.
/// </summary>
internal static class MetadataRequest
{
    /// <summary>The query parameter naming a schema.</summary>
    public const string SchemaParameter = "xsd";

    /// <summary>The only schema the WSDL imports: <c>?xsd=1</c>.</summary>
    public const string SchemaId = "1";

    private const string WsdlParameter = "wsdl";
    private const string SingleWsdlParameter = "singleWsdl";

    public static MetadataKind KindOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return MetadataKind.None;
        }

        // A request naming both a WSDL and a schema gets the WSDL: it is what a client starts from.
        var kind = MetadataKind.None;
        foreach (var key in request.Query.Keys)
        {
            if (key.Equals(WsdlParameter, StringComparison.OrdinalIgnoreCase))
            {
                return MetadataKind.Wsdl;
            }

            if (key.Equals(SingleWsdlParameter, StringComparison.OrdinalIgnoreCase))
            {
                return MetadataKind.SingleWsdl;
            }

            if (key.Equals(SchemaParameter, StringComparison.OrdinalIgnoreCase))
            {
                kind = MetadataKind.Schema;
            }
        }

        return kind;
    }

    /// <summary>True for a metadata read, which the request counter does not count.</summary>
    public static bool IsMetadataRead(HttpRequest request) => KindOf(request) != MetadataKind.None;
}
