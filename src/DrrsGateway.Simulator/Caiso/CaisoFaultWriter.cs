using System.Xml.Linq;
using DrrsGateway.Simulator.Soap;

namespace DrrsGateway.Simulator.Caiso;

/// <summary>
/// The one home of the fault shape CAISO's access points answer with: HTTP 500, envelope prefix
/// <c>SOAP-ENV</c>, and a detail holding a <c>StandardOutput</c> v1 (what generated clients map to their
/// typed <c>FaultReturnType</c>) followed by an <c>outputDataType</c> of the 2006-06-13 generation (where
/// CAISO's own Python helper reads the description).
/// </summary>
internal static class CaisoFaultWriter
{
    /// <summary>The result every fault's event reports.</summary>
    public const string FailureResult = "Failure";

    /// <summary>Writes the fault for <paramref name="caisoEvent"/> in the request's SOAP version, with HTTP 500.</summary>
    public static Task WriteAsync(HttpContext context, SoapRequest request, CaisoFaultCode code, CaisoEvent caisoEvent)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.Addressing is { } addressing ? addressing.ReplyHeaders(addressing.FaultAction) : null;
        var envelope = SoapEnvelope.Wrap(request.Version, Fault(request.Version, code, caisoEvent), headers, SoapEnvelope.CaisoPrefix);
        return SoapResponseWriter.WriteEnvelopeAsync(context, request, StatusCodes.Status500InternalServerError, envelope);
    }

    /// <summary>The <c>Fault</c> element: SOAP 1.1 faultcode/faultstring/detail, or SOAP 1.2 Code/Reason/Detail.</summary>
    internal static XElement Fault(SoapVersion version, CaisoFaultCode code, CaisoEvent caisoEvent)
    {
        var soap = SoapEnvelope.NamespaceOf(version);
        var prefix = SoapEnvelope.CaisoPrefix + ":";
        if (version == SoapVersion.Soap12)
        {
            return new XElement(
                soap + "Fault",
                new XElement(soap + "Code", new XElement(soap + "Value", prefix + (code == CaisoFaultCode.Client ? "Sender" : "Receiver"))),
                new XElement(soap + "Reason", new XElement(soap + "Text", new XAttribute(XNamespace.Xml + "lang", "en"), caisoEvent.Description)),
                new XElement(soap + "Detail", DetailEntries(caisoEvent)));
        }

        // SOAP 1.1 leaves faultcode, faultstring and detail unqualified.
        return new XElement(
            soap + "Fault",
            new XElement("faultcode", prefix + (code == CaisoFaultCode.Client ? "Client" : "Server")),
            new XElement("faultstring", caisoEvent.Description),
            new XElement("detail", DetailEntries(caisoEvent)));
    }

    private static IEnumerable<XElement> DetailEntries(CaisoEvent caisoEvent)
    {
        yield return StandardOutputMessage.Build(caisoEvent);

        // The older generation orders its Event's children result, id, description.
        var legacy = CaisoNamespaces.LegacyStandardOutput;
        yield return new XElement(
            legacy + "outputDataType",
            new XElement(
                legacy + "EventLog",
                new XElement(
                    legacy + "Event",
                    new XElement(legacy + "result", caisoEvent.Result),
                    new XElement(legacy + "id", caisoEvent.Id),
                    new XElement(legacy + "description", caisoEvent.Description))));
    }
}
