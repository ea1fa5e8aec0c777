namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// Tells a read of a service's own description (<c>GET …?wsdl</c>, <c>?singleWsdl</c>, <c>?xsd=1</c>) from a
/// call. SOAP stacks fetch these right before calling, so counting them would lock the operation before the
/// first real call; a backend never runs an operation for them.
/// </summary>
internal static class MetadataRead
{
    private static readonly string[] ParameterNames = ["wsdl", "singleWsdl", "xsd"];

    /// <summary>
    /// True for a GET or HEAD whose query has a parameter named <c>wsdl</c>, <c>singleWsdl</c> or <c>xsd</c>
    /// (any case, with or without a value). A POST is a call, whatever its query says.
    /// </summary>
    public static bool Is(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var query = request.QueryString.Value.AsSpan();
        if (query.IsEmpty)
        {
            return false;
        }

        foreach (var range in query[1..].Split('&'))
        {
            var parameter = query[1..][range];
            var equals = parameter.IndexOf('=');
            if (IsMetadataParameter(equals < 0 ? parameter : parameter[..equals]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMetadataParameter(ReadOnlySpan<char> name)
    {
        foreach (var metadata in ParameterNames)
        {
            if (name.Equals(metadata, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
