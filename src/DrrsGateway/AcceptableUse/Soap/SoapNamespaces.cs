namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>The two SOAP envelope namespaces: what the envelope check accepts and what faults are written in.</summary>
internal static class SoapNamespaces
{
    public const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";

    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
}
