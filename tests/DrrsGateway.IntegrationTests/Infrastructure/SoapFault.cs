using System.Xml.Linq;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>A SOAP fault as a client reads it: the body parsed as XML, code and message picked out.</summary>
public sealed record SoapFault(string Code, string Message, string? Language)
{
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";

    public static async Task<SoapFault> ReadAsync(HttpResponseMessage response)
    {
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.Root!;
        if (root.Name == Soap11 + "Envelope")
        {
            var fault = root.Element(Soap11 + "Body")!.Element(Soap11 + "Fault")!;
            return new(fault.Element("faultcode")!.Value, fault.Element("faultstring")!.Value, null);
        }

        var fault12 = root.Element(Soap12 + "Body")!.Element(Soap12 + "Fault")!;
        var text = fault12.Element(Soap12 + "Reason")!.Element(Soap12 + "Text")!;
        return new(
            fault12.Element(Soap12 + "Code")!.Element(Soap12 + "Value")!.Value,
            text.Value,
            text.Attribute(XNamespace.Xml + "lang")?.Value);
    }
}
